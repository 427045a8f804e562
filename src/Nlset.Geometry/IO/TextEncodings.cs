using System.Text;

namespace Nlset.Geometry.IO;

/// <summary>
/// Text files saved as UTF-16 or UTF-32 (Windows editors and some exporters do this) start with a byte order mark;
/// the readers parse UTF-8, so such files are decoded by their mark first. Without this an OBJ in UTF-16 read as
/// 0 vertices: every statement keyword had a NUL byte between its letters.
/// </summary>
internal static class TextEncodings
{
    public static bool HasWideByteOrderMark(ReadOnlySpan<byte> data) => EncodingOf(data).Encoding != null;

    /// <summary>The data as UTF-8: unchanged unless it starts with a UTF-16 or UTF-32 byte order mark.</summary>
    public static ArraySegment<byte> AsUtf8(ArraySegment<byte> data, string file)
    {
        var (encoding, markLength) = EncodingOf(data);
        if (encoding == null) return data;
        try
        {
            var strict = (Encoding)encoding.Clone();
            strict.DecoderFallback = DecoderFallback.ExceptionFallback;
            string text = strict.GetString(data.AsSpan(markLength));
            return Encoding.UTF8.GetBytes(text);
        }
        catch (DecoderFallbackException e)
        {
            throw new GeometryFileException(file, null, $"the file starts with a {encoding.WebName} byte order mark but is not valid {encoding.WebName} text", e);
        }
    }

    static (Encoding? Encoding, int MarkLength) EncodingOf(ReadOnlySpan<byte> data)
    {
        // UTF-32 LE's mark begins with UTF-16 LE's, so it is tested first.
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00])) return (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4);
        if (data.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF])) return (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4);
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2);
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2);
        return (null, 0);
    }
}
