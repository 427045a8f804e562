using System.Buffers.Binary;

namespace Nlset.Classification.Data;

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST (raw or gzip): bytes 0–1 are zero, byte 2 the element type
/// (0x08 = unsigned byte, the only one these datasets use), byte 3 the number of dimensions, then each dimension as a
/// big-endian int32, then the elements in row-major order. Images are [N, H, W] (magic 0x00000803), labels [N]
/// (0x00000801). Truncated files, extra bytes, other element types and wrong dimension counts are
/// <see cref="DatasetFileException"/>s naming the file.
/// </summary>
public static class IdxFile
{
    const byte UnsignedByte = 0x08;

    /// <summary>An IDX array of unsigned bytes: its dimensions and its elements, row-major.</summary>
    public sealed record Array(int[] Dimensions, byte[] Data);

    /// <summary>Images [N, H, W] of unsigned bytes.</summary>
    public static Array ReadImages(string path) => Read(path, dimensions: 3, what: "images [N, H, W]");

    /// <summary>Labels [N] of unsigned bytes.</summary>
    public static Array ReadLabels(string path) => Read(path, dimensions: 1, what: "labels [N]");

    public static Array Read(string path, int dimensions, string what)
    {
        using var stream = CompressedFile.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        if (!CompressedFile.TryReadExactly(stream, magic, path))
            throw new DatasetFileException(path, "truncated: too short for an IDX header");
        if (magic[0] != 0 || magic[1] != 0)
            throw new DatasetFileException(path, "not an IDX file (it does not start with two zero bytes)");
        if (magic[2] != UnsignedByte)
            throw new DatasetFileException(path, $"IDX element type 0x{magic[2]:x2} is not supported (MNIST-style files hold unsigned bytes, 0x08)");
        if (magic[3] != dimensions)
            throw new DatasetFileException(path, $"an IDX array of {magic[3]} dimension(s), expected {dimensions} for {what}");

        var header = new byte[4 * dimensions];
        if (!CompressedFile.TryReadExactly(stream, header, path))
            throw new DatasetFileException(path, "truncated in the IDX header");
        var dims = new int[dimensions];
        long count = 1;
        for (var i = 0; i < dimensions; i++)
        {
            var size = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 * i));
            if (size < 0) throw new DatasetFileException(path, $"corrupt IDX header: dimension {i} is {size}");
            dims[i] = size;
            count *= size;
            // Checked before allocating, so a damaged header cannot ask for gigabytes.
            if (count > System.Array.MaxLength)
                throw new DatasetFileException(path, $"corrupt IDX header: [{string.Join(", ", dims.Take(i + 1))}...] is too large");
        }
        var data = new byte[count];
        if (!CompressedFile.TryReadExactly(stream, data, path))
            throw new DatasetFileException(path, $"truncated: the header announces [{string.Join(", ", dims)}] = {count} bytes of data, the file ends before");
        if (CompressedFile.HasMore(stream, path))
            throw new DatasetFileException(path, $"extra bytes after the [{string.Join(", ", dims)}] array announced by the header");
        return new Array(dims, data);
    }
}
