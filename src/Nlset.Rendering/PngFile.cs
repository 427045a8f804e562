using System.Runtime.InteropServices;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Rendering.Raster;
using SkiaSharp;

namespace Nlset.Rendering;

/// <summary>
/// Writes pictures as PNG (encoded by SkiaSharp, already here for the plots), atomically: the file is either the
/// whole new picture or left as it was.
/// </summary>
public static class PngFile
{
    public static void Write(string path, RenderedImage image) => AtomicFile.Write(path, stream => Encode(image, stream));

    /// <summary>Writes already encoded PNG bytes (e.g. a plot rendered in memory) atomically.</summary>
    public static void Write(string path, byte[] png) => AtomicFile.Write(path, stream => stream.Write(png));

    public static void Encode(RenderedImage image, Stream stream)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        Marshal.Copy(image.Pixels, 0, bitmap.GetPixels(), image.Pixels.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("SkiaSharp could not encode the PNG");
        data.SaveTo(stream);
    }

    /// <summary>Refuses a path that could not take a PNG (wrong extension, missing or read-only folder), before any work is done.</summary>
    public static void CheckOutputPath(string path, string option = "--output")
    {
        if (!string.Equals(Path.GetExtension(path), ".png", StringComparison.OrdinalIgnoreCase))
            throw new InvalidInputException($"{option} {path}: pictures are written as .png");
        OutputPath.Check(path, option);
    }
}
