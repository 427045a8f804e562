using System.CommandLine.Parsing;
using System.Globalization;

namespace Nlset.Cli;

/// <summary>
/// Custom parsers for numeric options that must lie in a range: a token that is not a number and a
/// number out of range both become one parse error naming the option (exit 2). A validator cannot do
/// this, because reading the value of an unparsable token from it throws.
/// </summary>
public static class NumberRange
{
    public static Func<ArgumentResult, int> AtLeast(int minimum, int fallback) => result =>
    {
        if (result.Tokens.Count == 0) return fallback;
        string text = result.Tokens[0].Value;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            result.AddError($"{Name(result)}: '{text}' is not a whole number");
        else if (value < minimum)
            result.AddError($"{Name(result)} must be at least {minimum} (got {value})");
        return value;
    };

    /// <summary>A finite number ≥ 0, or &gt; 0 when <paramref name="zeroAllowed"/> is false.</summary>
    public static Func<ArgumentResult, double> NonNegative(double fallback, bool zeroAllowed = true) => result =>
    {
        if (result.Tokens.Count == 0) return fallback;
        string text = result.Tokens[0].Value;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            result.AddError($"{Name(result)}: '{text}' is not a number");
        else if (!double.IsFinite(value) || value < 0 || (!zeroAllowed && value == 0))
            result.AddError($"{Name(result)} must be a finite number {(zeroAllowed ? "≥ 0" : "> 0")} (got {text})");
        return value;
    };

    /// <summary>Like <see cref="NonNegative"/> with zero excluded, for an optional value that is null when absent.</summary>
    public static Func<ArgumentResult, double?> PositiveOrAbsent() => result =>
        result.Tokens.Count == 0 ? null : NonNegative(0, zeroAllowed: false)(result);

    // The name as typed: an error about "--samples 0" says --samples even though the option is now called --count.
    static string Name(ArgumentResult result)
    {
        if (result.Parent is not OptionResult option) return result.Argument.Name;
        string typed = option.IdentifierToken?.Value ?? option.Option.Name;
        return typed == option.Option.Name ? typed : $"{typed} ({option.Option.Name})";
    }
}
