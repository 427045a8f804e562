using Nlset.Geometry.Spatial;

namespace Nlset.Geometry.Metrics;

/// <summary>
/// The F-score at distance threshold τ (Knapitsch et al. 2017; Tatarchenko et al. 2019), Euclidean:
/// precision = fraction of A within τ of B (‖a − nn_B(a)‖ ≤ τ), recall = fraction of B within τ of A,
/// F = 2PR / (P + R), and 0 when both are 0. With A the reconstruction and B the reference,
/// precision measures accuracy and recall completeness.
/// </summary>
public sealed record FScore(double Threshold, double Precision, double Recall)
{
    public double F => Precision + Recall > 0 ? 2 * Precision * Recall / (Precision + Recall) : 0;

    public static FScore Compute(ReadOnlyMemory<Vector3d> a, ReadOnlyMemory<Vector3d> b, double threshold)
    {
        CheckThreshold(threshold);
        var treeA = new KdTree(a.Span);
        var treeB = new KdTree(b.Span);
        return FromDistances(threshold, treeB.NearestDistances(a), treeA.NearestDistances(b));
    }

    /// <summary>From Euclidean nearest-neighbour distances: each a to B, and each b to A.</summary>
    public static FScore FromDistances(double threshold, ReadOnlySpan<double> aToB, ReadOnlySpan<double> bToA)
    {
        CheckThreshold(threshold);
        return new FScore(threshold, FractionWithin(aToB, threshold), FractionWithin(bToA, threshold));
    }

    static double FractionWithin(ReadOnlySpan<double> distances, double threshold)
    {
        if (distances.IsEmpty) throw new ArgumentException("a fraction of no samples is undefined", nameof(distances));
        int within = 0;
        foreach (double d in distances)
            if (d <= threshold) within++;
        return (double)within / distances.Length;
    }

    static void CheckThreshold(double threshold)
    {
        if (!(threshold > 0) || !double.IsFinite(threshold))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "the F-score threshold must be positive and finite");
    }
}
