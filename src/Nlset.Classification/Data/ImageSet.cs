using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Classification.Data;

/// <summary>
/// Labelled images held compactly as bytes (0–255, [N, C, H, W] row-major) with labels 0–9; turned into tensors only
/// for the examples a run uses (<see cref="ToTensors"/>: float32 in [0, 1], int64 labels), so a 50,000-image CIFAR-10
/// training set costs 150 MB, not 600.
/// </summary>
public sealed class ImageSet
{
    static readonly Scalar PixelScale = 255f;

    readonly byte[] _pixels;
    readonly byte[] _labels;

    public ImageSet(byte[] pixels, byte[] labels, int channels, int height, int width, string source)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (pixels.LongLength != (long)labels.Length * channels * height * width)
            throw new ArgumentException($"{pixels.LongLength} pixel bytes do not make {labels.Length} images of {channels}x{height}x{width}");
        _pixels = pixels;
        _labels = labels;
        Channels = channels;
        Height = height;
        Width = width;
        Source = source;
    }

    public int Count => _labels.Length;
    public int Channels { get; }
    public int Height { get; }
    public int Width { get; }
    /// <summary>Values per image, C·H·W: the input dimension d of a classifier.</summary>
    public int ImageSize => Channels * Height * Width;
    /// <summary>Where the images came from (file names), for messages.</summary>
    public string Source { get; }

    public byte Label(int index) => _labels[index];
    public ReadOnlySpan<byte> Labels => _labels;
    public ReadOnlySpan<byte> Pixels(int index) => _pixels.AsSpan(index * ImageSize, ImageSize);

    /// <summary>The images at <paramref name="indices"/>, in that order.</summary>
    public ImageSet Select(IReadOnlyList<int> indices)
    {
        var pixels = new byte[(long)indices.Count * ImageSize];
        var labels = new byte[indices.Count];
        for (var k = 0; k < indices.Count; k++)
        {
            var i = indices[k];
            if ((uint)i >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(indices), i, $"index outside 0..{Count - 1}");
            Pixels(i).CopyTo(pixels.AsSpan(k * ImageSize, ImageSize));
            labels[k] = _labels[i];
        }
        return new ImageSet(pixels, labels, Channels, Height, Width, Source);
    }

    /// <summary><paramref name="count"/> consecutive images from <paramref name="start"/>.</summary>
    public ImageSet Range(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"images {start}..{start + count - 1} are not all in 0..{Count - 1}");
        return Select(Enumerable.Range(start, count).ToArray());
    }

    /// <summary>Images [N, C, H, W] float32 in [0, 1] and labels [N] int64 (0–9), on <paramref name="device"/>.</summary>
    public (Tensor Images, Tensor Labels) ToTensors(Device? device = null)
    {
        using var scope = torch.NewDisposeScope();
        var images = torch.tensor(_pixels, dtype: ScalarType.Byte).view(Count, Channels, Height, Width)
            .to_type(ScalarType.Float32).div_(PixelScale);
        var labels = torch.tensor(_labels, dtype: ScalarType.Byte).to_type(ScalarType.Int64);
        if (device is not null && device.type != DeviceType.CPU)
        {
            images = images.to(device);
            labels = labels.to(device);
        }
        return (images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }
}
