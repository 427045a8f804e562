using Nlset.Geometry.Spatial;

namespace Nlset.Geometry.Metrics;

/// <summary>
/// The Chamfer distance between sample sets A and B under the norm p (L1 Manhattan or L2
/// Euclidean, not squared), with each nearest neighbour found under that same norm:
/// <code>CD_p(A, B) = mean_{a∈A} min_{b∈B} ‖a − b‖_p + mean_{b∈B} min_{a∈A} ‖b − a‖_p</code>
/// <see cref="AToB"/> and <see cref="BToA"/> are the two means, <see cref="Sum"/> the distance.
/// This is the measure the paper reports as "Chamfer L1 / L2" (§5.3).
/// </summary>
public sealed record ChamferDistance(DistanceNorm Norm, double AToB, double BToA)
{
    public double Sum => AToB + BToA;

    /// <summary>Builds a k-d tree over each set and measures both directions under <paramref name="norm"/>.</summary>
    /// <exception cref="ArgumentException">An empty set or a non-finite point.</exception>
    public static ChamferDistance Compute(ReadOnlyMemory<Vector3d> a, ReadOnlyMemory<Vector3d> b, DistanceNorm norm)
    {
        var treeA = new KdTree(a.Span);
        var treeB = new KdTree(b.Span);
        return FromDistances(norm, treeB.NearestDistances(a, norm), treeA.NearestDistances(b, norm));
    }

    /// <summary>From nearest-neighbour distances already measured under <paramref name="norm"/>: each a to B, and each b to A.</summary>
    public static ChamferDistance FromDistances(DistanceNorm norm, ReadOnlySpan<double> aToB, ReadOnlySpan<double> bToA) =>
        new(norm, Mean(aToB), Mean(bToA));

    internal static double Mean(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty) throw new ArgumentException("a mean over no samples is undefined", nameof(values));
        double sum = 0;
        foreach (double v in values) sum += v;
        return sum / values.Length;
    }
}
