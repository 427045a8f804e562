namespace Nlset.Geometry.IO;

/// <summary>
/// Splits one line into its white-space separated fields (and, for XYZ, comma separated), as slices
/// of the line: no strings are made on the hot path.
/// </summary>
internal ref struct TextFields
{
    ReadOnlySpan<byte> _rest;
    readonly bool _commaSeparates;

    public TextFields(ReadOnlySpan<byte> line, bool commaSeparates = false)
    {
        _rest = line;
        _commaSeparates = commaSeparates;
    }

    public bool TryNext(out ReadOnlySpan<byte> field)
    {
        int start = 0;
        while (start < _rest.Length && IsSeparator(_rest[start])) start++;
        if (start == _rest.Length)
        {
            _rest = default;
            field = default;
            return false;
        }
        int end = start + 1;
        while (end < _rest.Length && !IsSeparator(_rest[end])) end++;
        field = _rest[start..end];
        _rest = _rest[end..];
        return true;
    }

    /// <summary>What is left of the line after the fields read so far.</summary>
    public readonly ReadOnlySpan<byte> Rest => _rest;

    public readonly bool HasMore
    {
        get
        {
            foreach (byte b in _rest)
                if (!IsSeparator(b)) return true;
            return false;
        }
    }

    /// <summary>How many fields are left, without consuming them.</summary>
    public readonly int CountRemaining()
    {
        var copy = this;
        int n = 0;
        while (copy.TryNext(out _)) n++;
        return n;
    }

    readonly bool IsSeparator(byte b) => IsWhiteSpace(b) || (_commaSeparates && b == (byte)',');

    public static bool IsWhiteSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\v' or (byte)'\f';

    /// <summary>Whether the bytes hold nothing but white space and line ends.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> s) => s.IndexOfAnyExcept(" \t\r\n\v\f"u8) < 0;

    public static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> s)
    {
        int start = 0;
        while (start < s.Length && IsWhiteSpace(s[start])) start++;
        return s[start..];
    }

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        int start = 0, end = s.Length;
        while (start < end && IsWhiteSpace(s[start])) start++;
        while (end > start && IsWhiteSpace(s[end - 1])) end--;
        return s[start..end];
    }

    /// <summary>The line up to a '#' (OBJ and OFF allow a comment after data on the same line).</summary>
    public static ReadOnlySpan<byte> WithoutComment(ReadOnlySpan<byte> line)
    {
        int hash = line.IndexOf((byte)'#');
        return hash < 0 ? line : line[..hash];
    }

    /// <summary>The text of a comment line after its marker (and one separating space), as written by our writers.</summary>
    public static string CommentText(ReadOnlySpan<byte> afterMarker)
    {
        if (!afterMarker.IsEmpty && (afterMarker[0] == (byte)' ' || afterMarker[0] == (byte)'\t')) afterMarker = afterMarker[1..];
        return System.Text.Encoding.UTF8.GetString(afterMarker);
    }
}
