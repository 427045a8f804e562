using Nlset.Geometry.Spatial;

namespace Nlset.Geometry.Metrics;

/// <summary>
/// The Hausdorff distance between sample sets, Euclidean: AToB = max_{a∈A} min_{b∈B} ‖a − b‖,
/// BToA likewise, and <see cref="Max"/> = max(AToB, BToA), the symmetric distance. Between samples
/// of surfaces it estimates the surfaces' Hausdorff distance up to the sampling spacing.
/// </summary>
public sealed record HausdorffDistance(double AToB, double BToA)
{
    public double Max => Math.Max(AToB, BToA);

    public static HausdorffDistance Compute(ReadOnlyMemory<Vector3d> a, ReadOnlyMemory<Vector3d> b)
    {
        var treeA = new KdTree(a.Span);
        var treeB = new KdTree(b.Span);
        return FromDistances(treeB.NearestDistances(a), treeA.NearestDistances(b));
    }

    /// <summary>From Euclidean nearest-neighbour distances: each a to B, and each b to A.</summary>
    public static HausdorffDistance FromDistances(ReadOnlySpan<double> aToB, ReadOnlySpan<double> bToA) =>
        new(Largest(aToB), Largest(bToA));

    static double Largest(ReadOnlySpan<double> distances)
    {
        if (distances.IsEmpty) throw new ArgumentException("a maximum over no samples is undefined", nameof(distances));
        double max = 0;
        foreach (double d in distances) max = Math.Max(max, d);
        return max;
    }
}
