using System.Globalization;
using Nlset.Geometry;

namespace Nlset.Classification.Data;

/// <summary>
/// The paper's small-data protocol (§5.1): "randomly sampled a fraction of the original training examples". The draw is
/// uniform without replacement and depends only on (count, fraction, seed), so different losses trained on the same
/// seed see the same examples.
/// </summary>
public static class SubsetSelection
{
    /// <summary>How many of <paramref name="count"/> examples a fraction takes: rounded, at least 1.</summary>
    public static int SizeOf(int count, double fraction)
    {
        if (!(fraction > 0 && fraction <= 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "must be in (0, 1]");
        return Math.Clamp((int)Math.Round(fraction * count, MidpointRounding.AwayFromZero), 1, count);
    }

    /// <summary>Indices into 0..count−1 of a seeded uniform subset of size <see cref="SizeOf"/>, in the order drawn.</summary>
    public static int[] Draw(int count, double fraction, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var size = SizeOf(count, fraction);
        // Partial Fisher–Yates on a .NET Random of its own (Seeding's advice), stable for a given seed.
        var random = new Random(seed);
        var order = Enumerable.Range(0, count).ToArray();
        for (var i = 0; i < size; i++)
        {
            var j = random.Next(i, count);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order[..size];
    }

    /// <summary>
    /// Parses a fraction as people write it: "0.5%" (per cent) or "0.005" (a fraction of 1). Values above 1 without a
    /// per-cent sign are refused, since "5" could mean 5 % or 5 examples.
    /// </summary>
    public static double ParseFraction(string text)
    {
        var t = text.Trim();
        var percent = t.EndsWith('%');
        if (percent) t = t[..^1].TrimEnd();
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new InvalidInputException($"fraction '{text}' is not a number (examples: 0.5%, 0.005)");
        if (percent) value /= 100;
        if (!(value > 0)) throw new InvalidInputException($"fraction '{text}' must be positive");
        if (value > 1)
            throw new InvalidInputException(percent ? $"fraction '{text}' is more than 100%" : $"fraction '{text}' is more than 1 (write {text}% for per cent)");
        return value;
    }

    /// <summary>A fraction as the tables print it: "0.5%".</summary>
    public static string FormatPercent(double fraction) =>
        (fraction * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%";
}
