namespace Nlset.Geometry.IO;

/// <summary>
/// Why a file that is not empty gave no vertex: the rule is that no reader returns an empty result from a
/// non-empty file without saying why, so the caller refuses it with one of these reasons.
/// </summary>
internal static class EmptyResult
{
    public static string Reason(ReadOnlySpan<byte> data, GeometryFormat format)
    {
        // NUL bytes in a text format are the mark of UTF-16 or UTF-32 saved without a byte order mark.
        if (format is GeometryFormat.Obj or GeometryFormat.Off or GeometryFormat.Xyz && data[..Math.Min(data.Length, 4096)].Contains((byte)0))
            return $"no vertices: the file holds NUL bytes, as text saved in UTF-16 or UTF-32 without a byte order mark does; save it as UTF-8";
        return format switch
        {
            GeometryFormat.Obj => $"no vertices: no 'v' statement among {ContentLines(data)} non-blank lines{FirstStatement(data)}",
            GeometryFormat.Xyz => "no points: the file holds only comments and blank lines",
            _ => $"no vertices: the {format.ToString().ToUpperInvariant()} file declares none",
        };
    }

    static int ContentLines(ReadOnlySpan<byte> data)
    {
        int count = 0;
        var lines = new TextLineReader(data);
        while (lines.TryReadContentLine(out _, skipComments: false)) count++;
        return count;
    }

    static string FirstStatement(ReadOnlySpan<byte> data)
    {
        var lines = new TextLineReader(data);
        if (!lines.TryReadContentLine(out var line, skipComments: true)) return " (only # comments)";
        var fields = new TextFields(TextFields.Trim(line));
        fields.TryNext(out var first);
        return $" (the first statement is {AsciiNumber.Quote(first)})";
    }
}
