namespace Nlset.Geometry.IO;

/// <summary>
/// Reads and writes point clouds, meshes and polylines in PLY, OBJ, OFF, XYZ and STL. The format comes from
/// the extension (.ply .obj .off .stl .xyz, and .txt .pts .csv as XYZ); a file without a known extension is
/// recognised by its content. Text in UTF-16 or UTF-32 with a byte order mark is decoded first. A file that
/// is not empty but yields no vertex is refused with the reason, never returned as an empty mesh. Every problem with a file — missing, empty, malformed, truncated, counts
/// that do not match, indices out of range, non-finite coordinates — is a <see cref="GeometryFileException"/>
/// naming the file, where in it, and why. Writes are atomic: the target is replaced only once the whole
/// file is written.
/// </summary>
public static class GeometryFiles
{
    public static Mesh Read(string path, GeometryReadOptions? options = null)
    {
        var bytes = ReadAllBytes(path);
        // Binary STL's 80-byte header is free-form, so a mark there says nothing about text.
        var data = GeometryFormatRegistry.ForExtension(path)?.Format == GeometryFormat.Stl ? bytes : TextEncodings.AsUtf8(bytes, path);
        var format = GeometryFormatRegistry.ForExtension(path)?.Format ?? Sniff(data, path);
        return Parse(data, path, format, options ?? GeometryReadOptions.Default);
    }

    /// <summary>Reads from a stream; <paramref name="fileName"/> names it in messages and, unless
    /// <paramref name="format"/> is given, selects the format by its extension (else the content decides).</summary>
    public static Mesh Read(Stream stream, string fileName, GeometryFormat? format = null, GeometryReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArraySegment<byte> data;
        try
        {
            data = ReadAll(stream, fileName);
        }
        catch (IOException e)
        {
            throw new GeometryFileException(fileName, null, $"cannot read: {e.Message}", e);
        }
        var text = TextEncodings.AsUtf8(data, fileName);
        var chosen = format ?? GeometryFormatRegistry.ForExtension(fileName)?.Format ?? Sniff(text, fileName);
        return Parse(text, fileName, chosen, options ?? GeometryReadOptions.Default);
    }

    /// <summary>Writes <paramref name="mesh"/> in the format its extension names; unknown extensions are refused.</summary>
    public static void Write(string path, Mesh mesh, GeometryWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        var entry = WriterFor(path);
        options ??= new GeometryWriteOptions();
        // AtomicFile reports file-system failures for this path, never its temporary file's name.
        AtomicFile.Write(path, stream => entry.Write(stream, mesh, path, options));
    }

    /// <summary>The format <see cref="Write"/> would use for <paramref name="path"/>: lets a command refuse an
    /// unknown output extension before its work rather than after.</summary>
    /// <exception cref="GeometryFileException">The extension names no known format.</exception>
    public static GeometryFormat FormatForWriting(string path) => WriterFor(path).Format;

    /// <summary>Whether files of <paramref name="format"/> keep per-vertex colours (PLY and XYZ do), so a command can
    /// warn before colours are lost.</summary>
    public static bool KeepsColors(GeometryFormat format) => format is GeometryFormat.Ply or GeometryFormat.Xyz;

    static GeometryFormatEntry WriterFor(string path) =>
        GeometryFormatRegistry.ForExtension(path)
        ?? throw new GeometryFileException(path, null,
            $"cannot tell the output format from the extension '{Path.GetExtension(path)}': use one of {GeometryFormatRegistry.KnownExtensions}");

    /// <summary>The format <see cref="Read(string)"/> would use: the extension's, else the content's.</summary>
    public static GeometryFormat DetectFormat(string path)
    {
        if (GeometryFormatRegistry.ForExtension(path) is { } entry) return entry.Format;
        CheckReadable(path);
        var head = new byte[FormatSniffer.SampleSize];
        int length;
        try
        {
            using var stream = File.OpenRead(path);
            length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ReadFailure(path, e);
        }
        long size = new FileInfo(path).Length;
        var sample = head.AsSpan(0, length);
        if (TextEncodings.HasWideByteOrderMark(sample)) sample = TextEncodings.AsUtf8(head.AsSpan(0, length).ToArray(), path);
        return Sniff(sample, path, size);
    }

    static Mesh Parse(ReadOnlySpan<byte> data, string file, GeometryFormat format, GeometryReadOptions options)
    {
        if (TextFields.IsBlank(data)) throw new GeometryFileException(file, null, "the file is empty");
        Mesh mesh;
        try
        {
            mesh = GeometryFormatRegistry.Of(format).Read(data, file, options);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or FormatException or OverflowException
                                      or EndOfStreamException or InvalidDataException or InvalidOperationException)
        {
            // The readers report bad data themselves, precisely; this only keeps any case they miss a user-input error.
            throw new GeometryFileException(file, null, $"unreadable {format} file ({e.Message})", e);
        }
        // A file with content that yields nothing is never a success: say why instead (UTF-16 without a
        // byte order mark read as 0 vertices before this rule).
        if (mesh.VertexCount == 0) throw new GeometryFileException(file, null, EmptyResult.Reason(data, format));
        return mesh;
    }

    static GeometryFormat Sniff(ReadOnlySpan<byte> data, string file, long? fileSize = null)
    {
        if (TextFields.IsBlank(data)) throw new GeometryFileException(file, null, "the file is empty");
        return FormatSniffer.Sniff(data, fileSize ?? data.Length)
            ?? throw new GeometryFileException(file, null, "unknown format: the content is not PLY, OBJ, OFF, STL or XYZ");
    }

    static byte[] ReadAllBytes(string path)
    {
        CheckReadable(path);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ReadFailure(path, e);
        }
    }

    static void CheckReadable(string path)
    {
        if (Directory.Exists(path)) throw new GeometryFileException(path, null, "is a directory, not a file");
        if (!File.Exists(path)) throw new GeometryFileException(path, null, "no such file");
    }

    static GeometryFileException ReadFailure(string path, Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => new GeometryFileException(path, null, "no such file", e),
        UnauthorizedAccessException => new GeometryFileException(path, null, "permission denied", e),
        _ => new GeometryFileException(path, null, $"cannot read: {e.Message}", e),
    };

    static ArraySegment<byte> ReadAll(Stream stream, string fileName)
    {
        if (stream.CanSeek)
        {
            long remaining = stream.Length - stream.Position;
            if (remaining > Array.MaxLength) throw new GeometryFileException(fileName, null, "files larger than 2 GB are not supported");
            var data = new byte[remaining];
            stream.ReadExactly(data);
            return data;
        }
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new ArraySegment<byte>(copy.GetBuffer(), 0, (int)copy.Length);
    }
}
