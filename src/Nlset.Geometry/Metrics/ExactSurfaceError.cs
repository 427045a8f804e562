using Nlset.Geometry.Randomness;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Spatial;

namespace Nlset.Geometry.Metrics;

/// <summary>
/// Distances from samples of one mesh to the exact surface of the other (closest point on its
/// triangles via a <see cref="TriangleBvh"/>), so the only sampling error is which points are
/// measured, not where the other surface is taken to be: a mesh against itself scores 0 (to
/// rounding, about 1e-16 of its size), unlike the Chamfer distance between two samplings.
/// <see cref="Accuracy"/>: reconstruction samples → reference surface; <see cref="Completeness"/>:
/// reference samples → reconstruction surface; <see cref="Sum"/> = sum of the two means.
/// </summary>
public sealed record ExactSurfaceError(DistanceSummary Accuracy, DistanceSummary Completeness)
{
    public const int DefaultSamples = 30_000;

    public double Sum => Accuracy.Mean + Completeness.Mean;

    /// <summary>
    /// Samples each mesh area-uniformly (<paramref name="samples"/> points, reconstruction on stream 0 and
    /// reference on stream 1 of <paramref name="seed"/>) and measures both directions.
    /// </summary>
    /// <exception cref="InvalidInputException">A mesh without triangles, with zero area, bad indices or non-finite coordinates.</exception>
    public static ExactSurfaceError Compute(Mesh reconstruction, Mesh reference, int samples = DefaultSamples, long seed = 0)
    {
        if (!reconstruction.HasTriangles || !reference.HasTriangles)
            throw new InvalidInputException("the exact surface error compares two triangle meshes");
        var root = new SeededRandom(seed);
        var fromReconstruction = new SurfaceSampler(reconstruction).Sample(samples, root.Stream(0));
        var fromReference = new SurfaceSampler(reference).Sample(samples, root.Stream(1));
        return FromSamples(fromReconstruction.Points, new TriangleBvh(reference), fromReference.Points, new TriangleBvh(reconstruction));
    }

    /// <summary>Measures reconstruction samples against the reference surface and reference samples against the reconstruction surface.</summary>
    public static ExactSurfaceError FromSamples(ReadOnlyMemory<Vector3d> reconstructionSamples, TriangleBvh referenceSurface,
        ReadOnlyMemory<Vector3d> referenceSamples, TriangleBvh reconstructionSurface) =>
        FromDistances(Distances(referenceSurface.ClosestPoints(reconstructionSamples)), Distances(reconstructionSurface.ClosestPoints(referenceSamples)));

    public static ExactSurfaceError FromDistances(ReadOnlySpan<double> accuracy, ReadOnlySpan<double> completeness) =>
        new(DistanceSummary.Of(accuracy), DistanceSummary.Of(completeness));

    static double[] Distances(SurfacePoint[] closest)
    {
        var distances = new double[closest.Length];
        for (int i = 0; i < closest.Length; i++) distances[i] = closest[i].Distance;
        return distances;
    }
}
