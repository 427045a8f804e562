using Nlset.Geometry;
using Nlset.Geometry.Randomness;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;

namespace Nlset.Benchmarks;

/// <summary>
/// The curve samples of data-samples/ and of the curves benchmark: a true curve and a seeded noisy cloud drawn from it
/// uniformly by length, with Gaussian noise of σ = noise × the true curve's largest bounding-box side per coordinate.
/// "NAME-gap" is the closed curve NAME with the stretch of arc length [10 %, 30 %) removed before sampling.
/// </summary>
public static class CurveSampleSets
{
    public sealed record CurveSample(string Name, Mesh TrueCurve, Mesh? Gap, Vector3d[] Cloud, double NoiseSigma);

    /// <summary>Shapes with the point count and seed of their data-samples file (others: 2,000 points, seed 1).</summary>
    public static readonly (string Name, int Points, int Seed)[] Defaults =
        [("trefoil", 2000, 1), ("helix", 1500, 2), ("trefoil-gap", 1600, 3), ("circle", 1000, 4), ("circle-gap", 800, 5)];

    public const double GapStart = 0.1, GapFraction = 0.2;

    public static (int Points, int Seed) DefaultsOf(string name)
    {
        foreach (var d in Defaults) if (d.Name == name) return (d.Points, d.Seed);
        return (2000, 1);
    }

    public static CurveSample Make(string name, int points, double noise, long seed)
    {
        bool gapped = name.EndsWith("-gap", StringComparison.Ordinal);
        var full = Curve(gapped ? name[..^4] : name);
        var sigma = noise * full.Bounds.LargestSide;
        if (!gapped) return new CurveSample(name, full, null, Sample(full, points, sigma, seed), sigma);
        var partial = ParametricCurves.WithGap(full, GapStart, GapFraction);
        // The gap itself: the complement of the partial curve, i.e. the full curve with the kept part removed.
        var gap = ParametricCurves.WithGap(full, GapStart + GapFraction, 1 - GapFraction);
        return new CurveSample(name, full, gap, Sample(partial, points, sigma, seed), sigma);
    }

    static Mesh Curve(string name) => name switch
    {
        "trefoil" => ParametricCurves.Trefoil(4096),
        "helix" => ParametricCurves.Helix(radius: 1, pitch: 1, turns: 3, segments: 4096),
        "circle" => ParametricCurves.Circle(1, segments: 1024),
        _ => throw new ArgumentException($"unknown curve sample '{name}' (expected trefoil, helix, circle, or trefoil-gap, circle-gap)"),
    };

    static Vector3d[] Sample(Mesh curve, int points, double sigma, long seed) =>
        new SurfaceSampler(curve).Sample(points, new SeededRandom(seed), sigma).Points;
}
