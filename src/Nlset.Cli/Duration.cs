using System.CommandLine.Parsing;
using System.Globalization;

namespace Nlset.Cli;

/// <summary>Parses durations as people type them: "90s", "500ms", "5m", "1.5h", "1:30" (m:ss), "1:02:03". A bare number is
/// refused: "--time-budget 5" reads as five minutes to some and five seconds to others, and a wrong guess costs a run.</summary>
public static class Duration
{
    public static TimeSpan? Parse(ArgumentResult result)
    {
        if (result.Tokens.Count == 0) return null;
        var text = result.Tokens[0].Value;
        if (TryParse(text, out var value) && value > TimeSpan.Zero) return value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            result.AddError($"'{text}' has no unit: write {text}s for seconds, {text}m for minutes or {text}h for hours");
            return null;
        }
        result.AddError($"'{text}' is not a positive duration (examples: 90s, 5m, 1.5h, 4:30)");
        return null;
    }

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        text = text.Trim().ToLowerInvariant();
        if (text.Contains(':'))
            return TimeSpan.TryParseExact(text, ["m\\:ss", "mm\\:ss", "h\\:mm\\:ss", "hh\\:mm\\:ss"], CultureInfo.InvariantCulture, out value);
        double unit = 1;
        if (text.EndsWith("ms")) { unit = 0.001; text = text[..^2]; }
        else if (text.EndsWith('s')) text = text[..^1];
        else if (text.EndsWith('m')) { unit = 60; text = text[..^1]; }
        else if (text.EndsWith('h')) { unit = 3600; text = text[..^1]; }
        else return false;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number)) return false;
        value = TimeSpan.FromSeconds(number * unit);
        return true;
    }
}
