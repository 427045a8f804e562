using Nlset.Geometry.Randomness;
using Nlset.Geometry.Spatial;

namespace Nlset.Geometry;

/// <summary>
/// How far a cloud's points scatter off their local surface, from the principal components of the k nearest
/// neighbours of probe points: σ = √λ_min is the spread across the local tangent plane, ρ = √(λ_mid + λ_max) the spread
/// along it. <see cref="Roughness"/> = median σ/ρ is scale-free: a clean sample of a smooth surface leaves only the
/// curvature's sag (σ/ρ ≈ ρκ/4), noise adds its own σ. Measured with k = 16 on 20,000–100,000 points of the bunny and
/// the camel: 0.018–0.046 clean, 0.15–0.36 with Gaussian noise of 0.25 % of the largest side.
/// </summary>
public sealed record PointCloudNoise(double Sigma, double Spread, double Roughness)
{
    /// <summary>Neighbours per probe: enough for a stable plane fit, few enough that curvature stays small across them.</summary>
    public const int DefaultNeighbours = 16;

    /// <summary>Probe points (fewer if the cloud is smaller): the medians settle well before this.</summary>
    public const int DefaultProbes = 4000;

    /// <summary>Medians of σ, ρ and σ/ρ over up to <paramref name="probes"/> points drawn with <paramref name="seed"/>.</summary>
    public static PointCloudNoise Estimate(IReadOnlyList<Vector3d> cloud, int neighbours = DefaultNeighbours,
        int probes = DefaultProbes, long seed = 0, KdTree? tree = null)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbours, 3);
        ArgumentOutOfRangeException.ThrowIfLessThan(probes, 1);
        if (cloud.Count < neighbours)
            throw new InvalidInputException($"a noise estimate needs at least {neighbours} points, got {cloud.Count}");
        var points = cloud as Vector3d[] ?? cloud.ToArray();
        tree ??= new KdTree(points);

        var random = new SeededRandom(seed);
        int count = Math.Min(probes, points.Length);
        var queries = new Vector3d[count];
        for (int i = 0; i < count; i++)
            queries[i] = count == points.Length ? points[i] : points[random.NextInt(points.Length)];
        var indices = new int[count * neighbours];
        tree.KNearest(queries, neighbours, indices, new double[count * neighbours]);

        var sigma = new double[count];
        var spread = new double[count];
        var ratio = new double[count];
        Parallel.For(0, count, i =>
        {
            var plane = NeighbourhoodPlane.Fit(points, indices.AsSpan(i * neighbours, neighbours));
            sigma[i] = Math.Sqrt(Math.Max(plane.Low, 0));
            spread[i] = Math.Sqrt(Math.Max(plane.Mid + plane.High, 0));
            ratio[i] = spread[i] > 0 ? sigma[i] / spread[i] : 0;
        });
        return new PointCloudNoise(Median(sigma), Median(spread), Median(ratio));
    }

    static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
    }
}
