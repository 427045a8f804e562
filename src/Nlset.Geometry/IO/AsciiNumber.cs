using System.Buffers.Text;
using System.Text;

namespace Nlset.Geometry.IO;

/// <summary>
/// Parses numbers straight from UTF-8 bytes. Utf8Parser is correctly rounded (it agrees bit for bit with
/// double.Parse and float.Parse, which makes ascii round trips exact) and is faster than going
/// through strings. A field must be consumed entirely: "1,5" or "3abc" are malformed, not 1 or 3.
/// </summary>
internal static class AsciiNumber
{
    public static bool TryParseDouble(ReadOnlySpan<byte> field, out double value) =>
        Utf8Parser.TryParse(field, out value, out int used) && used == field.Length;

    /// <summary>Numbers with the NaN and infinity spellings exporters write ("nan", "-inf", "Infinity"), which Utf8Parser
    /// refuses: readers take them as values, so a broken coordinate is reported (or skipped) as not finite, not as garbage.</summary>
    public static bool TryParseDoubleOrNonFinite(ReadOnlySpan<byte> field, out double value)
    {
        if (TryParseDouble(field, out value)) return true;
        var body = field.Length > 0 && field[0] is (byte)'-' or (byte)'+' ? field[1..] : field;
        if (body.Length is < 3 or > 9) return false;
        Span<byte> lower = stackalloc byte[body.Length];
        for (int i = 0; i < body.Length; i++) lower[i] = (byte)(body[i] | 0x20);
        if (lower.SequenceEqual("nan"u8)) value = double.NaN;
        else if (lower.SequenceEqual("inf"u8) || lower.SequenceEqual("infinity"u8)) value = field[0] == (byte)'-' ? double.NegativeInfinity : double.PositiveInfinity;
        else return false;
        return true;
    }

    public static bool TryParseFloat(ReadOnlySpan<byte> field, out float value) =>
        Utf8Parser.TryParse(field, out value, out int used) && used == field.Length;

    public static bool TryParseInteger(ReadOnlySpan<byte> field, out long value)
    {
        // Utf8Parser rejects a leading '+', which some writers emit.
        if (field.Length > 1 && field[0] == (byte)'+') field = field[1..];
        return Utf8Parser.TryParse(field, out value, out int used) && used == field.Length;
    }

    /// <summary>Why <paramref name="field"/> is not a usable number, for an error message.</summary>
    public static string Problem(ReadOnlySpan<byte> field)
    {
        string text = Quote(field);
        string lower = text.ToLowerInvariant();
        return lower.Contains("nan") || lower.Contains("inf") ? $"{text} is not a finite number" : $"malformed number {text}";
    }

    /// <summary>The field as a short quoted string for messages (long garbage is cut).</summary>
    public static string Quote(ReadOnlySpan<byte> field)
    {
        const int limit = 40;
        string text = Encoding.UTF8.GetString(field.Length > limit ? field[..limit] : field);
        return field.Length > limit ? $"'{text}...'" : $"'{text}'";
    }
}
