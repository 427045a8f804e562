namespace Nlset.Geometry.IO;

/// <summary>
/// Recognises a geometry format from a file's first bytes, for files whose extension says nothing:
/// "ply" on the first line is PLY; a first statement that is an OFF keyword (OFF, NOFF, COFF, CNOFF, ...)
/// is OFF; one that is an OBJ statement (v, vn, f, l, ...) is OBJ; a row of numbers, or a header row naming x y z,
/// is XYZ; `solid` is ASCII STL, and a file whose size is 84 + 50 × the count at byte 80 is binary STL. A file of
/// only # comments is taken for OBJ, where # comments are most usual.
/// </summary>
internal static class FormatSniffer
{
    /// <summary>How much of a file is enough to decide: comments at the top rarely run longer.</summary>
    public const int SampleSize = 64 * 1024;

    static readonly byte[][] ObjKeywords =
        ["v"u8.ToArray(), "vn"u8.ToArray(), "vt"u8.ToArray(), "vp"u8.ToArray(), "f"u8.ToArray(), "l"u8.ToArray(), "p"u8.ToArray(),
         "o"u8.ToArray(), "g"u8.ToArray(), "s"u8.ToArray(), "usemtl"u8.ToArray(), "mtllib"u8.ToArray()];

    public static GeometryFormat? Sniff(ReadOnlySpan<byte> head, long fileSize)
    {
        if (head.StartsWith("ply\n"u8) || head.StartsWith("ply\r\n"u8)) return GeometryFormat.Ply;
        if (head.Length >= 84 && fileSize == 84 + 50L * System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(head[80..])) return GeometryFormat.Stl;
        if (TextFields.TrimStart(head).StartsWith("solid"u8)) return GeometryFormat.Stl;

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
            return IsNumberRow(start) || NamesPosition(start) ? GeometryFormat.Xyz : null;
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

    /// <summary>A header row of a text point export: its first three names are x y z (any case, CloudCompare's // prefix allowed).</summary>
    static bool NamesPosition(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith("//"u8)) line = line[2..];
        var fields = new TextFields(line, commaSeparates: true);
        foreach (var axis in "xyz"u8)
            if (!fields.TryNext(out var name) || name.Length != 1 || (name[0] | 0x20) != axis) return false;
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
