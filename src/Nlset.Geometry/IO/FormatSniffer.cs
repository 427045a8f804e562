namespace Nlset.Geometry.IO;

/// <summary>
/// Recognises a geometry format from a file's first bytes, for files whose extension says nothing:
/// "ply" on the first line is PLY; a first statement that is an OFF keyword (OFF, NOFF, COFF, CNOFF, ...)
/// is OFF; one that is an OBJ statement (v, vn, f, l, ...) is OBJ; a row of numbers is XYZ. A file of
/// only # comments is taken for OBJ, where # comments are most usual.
/// </summary>
internal static class FormatSniffer
{
    /// <summary>How much of a file is enough to decide: comments at the top rarely run longer.</summary>
    public const int SampleSize = 64 * 1024;

    static readonly byte[][] ObjKeywords =
        ["v"u8.ToArray(), "vn"u8.ToArray(), "vt"u8.ToArray(), "vp"u8.ToArray(), "f"u8.ToArray(), "l"u8.ToArray(), "p"u8.ToArray(),
         "o"u8.ToArray(), "g"u8.ToArray(), "s"u8.ToArray(), "usemtl"u8.ToArray(), "mtllib"u8.ToArray()];

    public static GeometryFormat? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("ply\n"u8) || head.StartsWith("ply\r\n"u8)) return GeometryFormat.Ply;

        bool sawComment = false;
        var lines = new TextLineReader(head.Length > SampleSize ? head[..SampleSize] : head);
        while (lines.TryReadLine(out var line))
        {
            var start = TextFields.TrimStart(line);
            if (start.IsEmpty) continue;
            if (start[0] == (byte)'#')
            {
                sawComment = true;
                continue;
            }
            var fields = new TextFields(start);
            fields.TryNext(out var first);
            if (IsOffKeyword(first)) return GeometryFormat.Off;
            foreach (var keyword in ObjKeywords)
                if (first.SequenceEqual(keyword)) return GeometryFormat.Obj;
            return IsNumberRow(start) ? GeometryFormat.Xyz : null;
        }
        return sawComment ? GeometryFormat.Obj : null;
    }

    static bool IsOffKeyword(ReadOnlySpan<byte> token)
    {
        if (!token.EndsWith("OFF"u8)) return false;
        foreach (byte b in token[..^3])
            if (b is not ((byte)'S' or (byte)'T' or (byte)'C' or (byte)'N' or (byte)'4' or (byte)'n')) return false;
        return true;
    }

    static bool IsNumberRow(ReadOnlySpan<byte> line)
    {
        var fields = new TextFields(TextFields.WithoutComment(line), commaSeparates: true);
        int count = 0;
        while (fields.TryNext(out var field))
        {
            if (!AsciiNumber.TryParseDouble(field, out _)) return false;
            count++;
        }
        return count > 0;
    }
}
