using System.Globalization;
using Nlset.Geometry;

namespace Nlset.Cli;

/// <summary>
/// The header comment that records a <see cref="Normalization"/> in a written file, so a user can map
/// results back to the source's units. Values are printed round-trip exact ("R"), so the comment
/// alone recreates the transform bit for bit.
/// </summary>
public static class NormalizationComment
{
    public static string Of(string command, Normalization normalization)
    {
        var c = normalization.Center;
        return $"nlset {command}: normalized: centre ({R(c.X)}, {R(c.Y)}, {R(c.Z)}) scale {R(normalization.Scale)} (largest side 1)";
    }

    static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
