namespace Nlset.Geometry.IO;

/// <summary>
/// Walks a text file held in memory line by line without allocating: each line is a slice of the
/// file's bytes. Lines end at '\n'; a '\r' before it (Windows line ends) is dropped, and a UTF-8
/// byte order mark at the very start is skipped.
/// </summary>
internal ref struct TextLineReader
{
    readonly ReadOnlySpan<byte> _data;
    int _position;

    static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    public TextLineReader(ReadOnlySpan<byte> data, int start = 0, int linesBefore = 0)
    {
        _data = data;
        _position = start == 0 && data.StartsWith(ByteOrderMark) ? ByteOrderMark.Length : start;
        LineNumber = linesBefore;
    }

    /// <summary>An upper bound on the lines in <paramref name="data"/> (a vectorised count of '\n'), to size lists once.</summary>
    public static int CountLines(ReadOnlySpan<byte> data) => data.Count((byte)'\n') + 1;

    /// <summary>1-based number of the line last returned.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Offset of the first byte after the line last returned.</summary>
    public readonly int Position => _position;

    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        if (_position >= _data.Length)
        {
            line = default;
            return false;
        }
        var rest = _data[_position..];
        int end = rest.IndexOf((byte)'\n');
        if (end < 0)
        {
            line = rest;
            _position = _data.Length;
        }
        else
        {
            line = rest[..end];
            _position += end + 1;
        }
        if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
        LineNumber++;
        return true;
    }

    /// <summary>The next line holding anything but white space (and, when asked, anything but a '#' comment).</summary>
    public bool TryReadContentLine(out ReadOnlySpan<byte> line, bool skipComments)
    {
        while (TryReadLine(out line))
        {
            var trimmed = TextFields.Trim(line);
            if (trimmed.IsEmpty) continue;
            if (skipComments && trimmed[0] == (byte)'#') continue;
            return true;
        }
        return false;
    }
}
