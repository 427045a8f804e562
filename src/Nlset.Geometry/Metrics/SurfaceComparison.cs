using Nlset.Geometry.Randomness;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Spatial;

namespace Nlset.Geometry.Metrics;

/// <summary>
/// Scores a reconstruction against a reference: the one entry point behind `nlset eval-chamfer`.
/// Meshes are sampled area-uniformly, curves by length, point sets used as given (or subsampled);
/// both sides are drawn from one seed on independent streams, so a mesh compared with itself shows
/// the sampling floor of the Chamfer metrics while its exact surface error is 0.
/// </summary>
public static class SurfaceComparison
{
    /// <exception cref="InvalidInputException">An empty or non-finite input, a mesh of zero area, bad options.</exception>
    public static ComparisonResult Compare(Mesh reconstruction, Mesh reference, ComparisonOptions options)
    {
        if (options.Samples < 1)
            throw new InvalidInputException($"the sample count must be at least 1 (got {options.Samples})");
        if (options.FScoreThreshold is double given && (!(given > 0) || !double.IsFinite(given)))
            throw new InvalidInputException($"the F-score threshold must be positive and finite (got {given})");

        var root = new SeededRandom(options.Seed);
        var a = Prepare(reconstruction, "reconstruction", root.Stream(0), options);
        var b = Prepare(reference, "reference", root.Stream(1), options);
        double threshold = options.FScoreThreshold ?? ComparisonOptions.DefaultThresholdFraction * reference.Bounds.Diagonal;
        if (!(threshold > 0) || !double.IsFinite(threshold))
            throw new InvalidInputException("reference: its bounding box has no extent or is not finite, so there is no default F-score threshold; give one");

        var treeA = new KdTree(a.Points);
        var treeB = new KdTree(b.Points);
        var nearestInB = new int[a.Count];
        var nearestInA = new int[b.Count];
        var l2AToB = new double[a.Count];
        var l2BToA = new double[b.Count];
        treeB.Nearest(a.Points, nearestInB, l2AToB, DistanceNorm.Euclidean);
        treeA.Nearest(b.Points, nearestInA, l2BToA, DistanceNorm.Euclidean);
        var l1AToB = treeB.NearestDistances(a.Points, DistanceNorm.Manhattan);
        var l1BToA = treeA.NearestDistances(b.Points, DistanceNorm.Manhattan);

        bool bothMeshes = a.Kind == SampledAs.Surface && b.Kind == SampledAs.Surface;
        return new ComparisonResult(
            a.Kind, b.Kind, a.Count, b.Count,
            ChamferDistance.FromDistances(DistanceNorm.Manhattan, l1AToB, l1BToA),
            ChamferDistance.FromDistances(DistanceNorm.Euclidean, l2AToB, l2BToA),
            FScore.FromDistances(threshold, l2AToB, l2BToA),
            HausdorffDistance.FromDistances(l2AToB, l2BToA),
            bothMeshes ? NormalConsistency.FromNearest(a.Normals, b.Normals, nearestInB, nearestInA) : null,
            bothMeshes ? ExactSurfaceError.FromSamples(a.Points, new TriangleBvh(reference), b.Points, new TriangleBvh(reconstruction)) : null);
    }

    sealed record Side(SampledAs Kind, Vector3d[] Points, Vector3d[] Normals)
    {
        public int Count => Points.Length;
    }

    static Side Prepare(Mesh mesh, string name, SeededRandom random, ComparisonOptions options)
    {
        if (mesh.HasTriangles || mesh.HasPolylines)
        {
            SurfaceSamples samples;
            try
            {
                samples = new SurfaceSampler(mesh).Sample(options.Samples, random);
            }
            catch (InvalidInputException e)
            {
                throw new InvalidInputException($"{name}: {e.Message}", e);
            }
            return new Side(mesh.HasTriangles ? SampledAs.Surface : SampledAs.Curve, samples.Points, samples.Normals ?? []);
        }

        if (mesh.VertexCount == 0) throw new InvalidInputException($"{name}: the point set is empty");
        for (int i = 0; i < mesh.VertexCount; i++)
            if (!mesh.Vertices[i].IsFinite)
                throw new InvalidInputException($"{name}: point {i} has a coordinate that is not finite");
        if (!options.SubsamplePointSets || mesh.VertexCount <= options.Samples)
            return new Side(SampledAs.PointSet, mesh.Vertices, []);
        var chosen = random.SampleWithoutReplacement(mesh.VertexCount, options.Samples);
        var points = new Vector3d[chosen.Length];
        for (int i = 0; i < chosen.Length; i++) points[i] = mesh.Vertices[chosen[i]];
        return new Side(SampledAs.PointSet, points, []);
    }
}
