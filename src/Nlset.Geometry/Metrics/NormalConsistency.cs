using Nlset.Geometry.Sampling;
using Nlset.Geometry.Spatial;

namespace Nlset.Geometry.Metrics;

/// <summary>
/// Normal consistency between two sampled surfaces (Mescheder et al. 2019): for each sample a of A
/// with face normal n_a, take the face normal n_b of its Euclidean nearest sample in B, and average
/// |n_a · n_b| (orientation-free); BToA likewise, <see cref="Mean"/> is the symmetric average.
/// 1 means the surfaces are parallel wherever they are near. The normals are those of the sampled
/// triangles, which are never degenerate, so every term is well defined.
/// </summary>
public sealed record NormalConsistency(double AToB, double BToA)
{
    public double Mean => 0.5 * (AToB + BToA);

    /// <exception cref="ArgumentException">Samples without normals (drawn from curves).</exception>
    public static NormalConsistency Compute(SurfaceSamples a, SurfaceSamples b)
    {
        var treeA = new KdTree(a.Points);
        var treeB = new KdTree(b.Points);
        var nearestInB = new int[a.Count];
        var nearestInA = new int[b.Count];
        treeB.Nearest(a.Points, nearestInB, new double[a.Count]);
        treeA.Nearest(b.Points, nearestInA, new double[b.Count]);
        return FromNearest(Normals(a, nameof(a)), Normals(b, nameof(b)), nearestInB, nearestInA);
    }

    /// <summary>From per-sample unit normals and each sample's nearest sample index in the other set.</summary>
    public static NormalConsistency FromNearest(ReadOnlySpan<Vector3d> normalsA, ReadOnlySpan<Vector3d> normalsB, ReadOnlySpan<int> nearestInB, ReadOnlySpan<int> nearestInA) =>
        new(OneSided(normalsA, normalsB, nearestInB), OneSided(normalsB, normalsA, nearestInA));

    static double OneSided(ReadOnlySpan<Vector3d> own, ReadOnlySpan<Vector3d> other, ReadOnlySpan<int> nearest)
    {
        if (own.IsEmpty || nearest.Length != own.Length)
            throw new ArgumentException("each sample needs one normal and one nearest-sample index");
        double sum = 0;
        for (int i = 0; i < own.Length; i++) sum += Math.Abs(Vector3d.Dot(own[i], other[nearest[i]]));
        return sum / own.Length;
    }

    static Vector3d[] Normals(SurfaceSamples samples, string name) =>
        samples.Normals ?? throw new ArgumentException("normal consistency needs samples of triangle surfaces, which carry normals", name);
}
