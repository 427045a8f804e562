using System.IO.Compression;

namespace Nlset.Classification.Data;

/// <summary>Opens a data file that may be gzip-compressed (MNIST's are distributed as .gz): the content decides, by the
/// gzip magic bytes 1f 8b, not the name, so a file renamed either way still reads.</summary>
static class CompressedFile
{
    public static Stream OpenRead(string path)
    {
        if (!File.Exists(path)) throw new DatasetFileException(path, "file not found");
        var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        var read = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
            return new GZipStream(new BufferedStream(stream, 1 << 16), CompressionMode.Decompress);
        return new BufferedStream(stream, 1 << 16);
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes; false if the file ended first. Corrupt gzip data is a
    /// <see cref="DatasetFileException"/>.</summary>
    public static bool TryReadExactly(Stream stream, Span<byte> buffer, string path)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) == buffer.Length;
        }
        catch (InvalidDataException e)
        {
            throw new DatasetFileException(path, $"corrupt gzip data ({e.Message})", e);
        }
    }

    /// <summary>True if the stream has at least one more byte.</summary>
    public static bool HasMore(Stream stream, string path)
    {
        Span<byte> one = stackalloc byte[1];
        return TryReadExactly(stream, one, path);
    }
}
