namespace Nlset.Rendering.Raster;

/// <summary>
/// A finished picture: 8-bit RGBA pixels row by row (top row first, alpha always opaque) and, per pixel, the share
/// of its samples that something covered (0 background … 1 fully covered), which tests and callers can measure.
/// </summary>
public sealed class RenderedImage
{
    public RenderedImage(int width, int height)
    {
        Width = width;
        Height = height;
        Pixels = new byte[checked(4 * width * height)];
        Coverage = new float[width * height];
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }
    public float[] Coverage { get; }

    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            int i = 4 * (y * Width + x);
            return (Pixels[i], Pixels[i + 1], Pixels[i + 2]);
        }
    }

    /// <summary>Covered area in pixels (sum of coverage) over a rectangle of columns [x0, x1) and rows [y0, y1).</summary>
    public double CoveredPixels(int x0, int y0, int x1, int y1)
    {
        double sum = 0;
        for (int y = Math.Max(0, y0); y < Math.Min(Height, y1); y++)
            for (int x = Math.Max(0, x0); x < Math.Min(Width, x1); x++)
                sum += Coverage[y * Width + x];
        return sum;
    }

    public double CoveredPixels() => CoveredPixels(0, 0, Width, Height);
}
