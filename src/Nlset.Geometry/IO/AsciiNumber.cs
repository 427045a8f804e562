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
