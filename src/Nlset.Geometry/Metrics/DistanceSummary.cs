namespace Nlset.Geometry.Metrics;

/// <summary>
/// Mean, 90th and 99th percentile and maximum of a set of distances. Percentiles interpolate
/// linearly between order statistics (the position q·(n − 1) in the sorted values, as numpy's default).
/// </summary>
public sealed record DistanceSummary(double Mean, double P90, double P99, double Max)
{
    public static DistanceSummary Of(ReadOnlySpan<double> distances)
    {
        if (distances.IsEmpty) throw new ArgumentException("a summary of no distances is undefined", nameof(distances));
        var sorted = distances.ToArray();
        Array.Sort(sorted);
        return new DistanceSummary(ChamferDistance.Mean(distances), Percentile(sorted, 0.90), Percentile(sorted, 0.99), sorted[^1]);
    }

    /// <summary>The q-quantile of ascending <paramref name="sorted"/> values by linear interpolation.</summary>
    public static double Percentile(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.IsEmpty) throw new ArgumentException("a percentile of no values is undefined", nameof(sorted));
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "the quantile must lie in [0, 1]");
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        double fraction = position - below;
        return sorted[below] + (sorted[above] - sorted[below]) * fraction;
    }
}
