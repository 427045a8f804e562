using System.Globalization;
using Nlset.Geometry;

namespace Nlset.Reconstruction;

/// <summary>
/// Which level sets Eq. 13 controls. <see cref="Continuous"/> (the reference code's default): zero-level samples
/// Newton-projected onto F = 0, plus general-level samples that stay where they are, each on its own level
/// c = F(p). Or an explicit set T: samples projected onto each F = t, asked to lie at distance |t| from the cloud.
/// </summary>
public sealed record LevelSchedule(IReadOnlyList<double>? ExplicitLevels)
{
    public static readonly LevelSchedule Continuous = new((IReadOnlyList<double>?)null);

    /// <summary>T = {0}: only the zero level set, pulled onto the data — what a curve network (l = 2) is trained with (paper §3.3).</summary>
    public static readonly LevelSchedule ZeroOnly = new([0.0]);

    /// <summary>True for T = {0}.</summary>
    public bool IsZeroOnly => ExplicitLevels is [0.0];

    public bool IsContinuous => ExplicitLevels == null;

    /// <summary>Parses "continuous" or a list such as "0,±0.01,±0.05" (also "+-0.01"), in normalised units (shape's largest side = 1).</summary>
    public static LevelSchedule Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Equals("continuous", StringComparison.OrdinalIgnoreCase)) return Continuous;
        var levels = new SortedSet<double>();
        foreach (var raw in trimmed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            bool both = raw.StartsWith('±') || raw.StartsWith("+-");
            var number = both ? raw[(raw.StartsWith('±') ? 1 : 2)..] : raw;
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || !double.IsFinite(t))
                throw InvalidInputException.ForSetting(nameof(ReconstructionSettings.Levels), name => $"{name}: '{raw}' is not a number (expected e.g. 0,±0.01,±0.05 or continuous)");
            if (Math.Abs(t) >= 0.5)
                throw InvalidInputException.ForSetting(nameof(ReconstructionSettings.Levels), name => $"{name}: {t} is too far from the surface (levels are in units of the shape's largest side; use |t| < 0.5)");
            levels.Add(t);
            if (both) levels.Add(-t);
        }
        if (levels.Count == 0) throw InvalidInputException.ForSetting(nameof(ReconstructionSettings.Levels), name => $"{name}: no levels given");
        if (!levels.Contains(0)) levels.Add(0);   // the zero level set is the surface: always controlled
        return new LevelSchedule(levels.ToArray());
    }

    public override string ToString() => IsContinuous
        ? "continuous"
        : string.Join(",", ExplicitLevels!.Select(t => t.ToString("R", CultureInfo.InvariantCulture)));
}
