using Nlset.Geometry.Curves;
using Nlset.Geometry.Randomness;

namespace Nlset.Geometry.Tests.Curves;

/// <summary>
/// <see cref="CurveAssembly"/> on synthetic "network curves" over a noisy sample of the unit circle in the xy plane
/// (σ = 0.01; the support distance comes out ≈ 0.04 and the fit radius ≈ 0.05), with known answers.
/// </summary>
public class CurveAssemblyTests
{
    static readonly CurveAssemblyRule Rule = new();

    /// <summary>Points uniform in angle over [from, to] on the unit circle, with Gaussian noise σ = 0.01 per coordinate.</summary>
    static Vector3d[] Data(double from = 0, double to = 2 * Math.PI, int count = 700, long seed = 1)
    {
        var random = new SeededRandom(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            double t = random.NextDouble(from, to);
            return new Vector3d(Math.Cos(t) + random.NextGaussian(0, 0.01), Math.Sin(t) + random.NextGaussian(0, 0.01), random.NextGaussian(0, 0.01));
        }).ToArray();
    }

    /// <summary>Points at radius r(t) for t from <paramref name="from"/> to <paramref name="to"/> in 0.005 steps (ends included).</summary>
    static List<Vector3d> Arc(double from, double to, Func<double, double>? radius = null)
    {
        int n = Math.Max(2, (int)Math.Ceiling(Math.Abs(to - from) / 0.005) + 1);
        return Enumerable.Range(0, n).Select(k =>
        {
            double t = from + (to - from) * k / (n - 1);
            double r = radius?.Invoke(t) ?? 1;
            return new Vector3d(r * Math.Cos(t), r * Math.Sin(t), 0);
        }).ToList();
    }

    /// <summary>A mesh of polylines; closed ones repeat their first index.</summary>
    static Mesh Curves(params (List<Vector3d> Points, bool Closed)[] lines)
    {
        var vertices = new List<Vector3d>();
        var polylines = new List<int[]>();
        foreach (var (points, closed) in lines)
        {
            int first = vertices.Count;
            vertices.AddRange(points);
            var indices = Enumerable.Range(first, points.Count);
            polylines.Add(closed ? [.. indices, first] : [.. indices]);
        }
        return new Mesh([.. vertices], polylines: polylines);
    }

    /// <summary>Full circle (closed, without repeating the start): [0, 2π) in 0.005 steps.</summary>
    static List<Vector3d> Circle(Func<double, double>? radius = null)
    {
        var arc = Arc(0, 2 * Math.PI, radius);
        arc.RemoveAt(arc.Count - 1);
        return arc;
    }

    /// <summary>Largest distance of any vertex from the unit circle.</summary>
    static double Deviation(Mesh curve) =>
        curve.Vertices.Max(p => Math.Sqrt(Math.Pow(Math.Sqrt(p.X * p.X + p.Y * p.Y) - 1, 2) + p.Z * p.Z));

    /// <summary>Largest gap in angle between the vertices (how much of the circle is left uncovered).</summary>
    static double LargestAngularGap(Mesh curve)
    {
        var angles = curve.Vertices.Select(p => Math.Atan2(p.Y, p.X)).Order().ToList();
        double gap = angles[0] + 2 * Math.PI - angles[^1];
        for (int i = 1; i < angles.Count; i++) gap = Math.Max(gap, angles[i] - angles[i - 1]);
        return gap;
    }

    static double Bump(double t, double from, double to, double height) =>
        t > from && t < to ? height * Math.Pow(Math.Sin(Math.PI * (t - from) / (to - from)), 2) : 0;

    [Fact]
    public void ADetourAwayFromTheDataIsReplacedByTheDataAndTheCurveStaysClosed()
    {
        // The "network" leaves the circle by up to 0.3 (≈ 25 scales) over t ∈ [1, 1.5].
        var network = Curves((Circle(t => 1 + Bump(t, 1, 1.5, 0.3)), true));
        var result = CurveAssembly.Assemble(network, Data(), Rule);

        var line = Assert.Single(result.Curves.Polylines);
        Assert.True(PolylineChains.IsClosed(line));
        Assert.True(Deviation(result.Curves) < 0.03, $"deviation {Deviation(result.Curves)}");
        Assert.True(LargestAngularGap(result.Curves) < 0.1, $"gap {LargestAngularGap(result.Curves)}");
        Assert.Equal(1, result.Report.DroppedRuns);
        Assert.Equal(0, result.Report.Completions);
        Assert.Equal(1, result.Report.TracedJoins);
    }

    [Fact]
    public void AHairpinAcrossTheDatasTubeIsCutToOneSide()
    {
        // Beside the detour, an open piece runs out along the strand 0.035 outside it and back 0.035 inside it: both
        // sides supported, 0.07 apart — more than the support distance (≈ 0.05), less than twice it. Only one side may
        // stay, or the traces from its two ends tangle with the rest.
        var hairpin = Arc(1.1, 1.3, _ => 1.035);
        hairpin.AddRange(Arc(1.3, 1.1, _ => 0.965));
        var network = Curves((Circle(t => 1 + Bump(t, 1, 1.5, 0.3)), true), (hairpin, false));
        var result = CurveAssembly.Assemble(network, Data(), Rule);

        var line = Assert.Single(result.Curves.Polylines);
        Assert.True(PolylineChains.IsClosed(line));
        Assert.True(Deviation(result.Curves) < 0.04, $"deviation {Deviation(result.Curves)}");
        Assert.InRange(PolylineChains.Length(result.Curves.Vertices, line), 2 * Math.PI - 0.05, 2 * Math.PI + 0.1);
    }

    [Fact]
    public void AShortcutPastDataIsDroppedEvenThoughItIsSmooth()
    {
        // The loop cuts the corner between t = 0 and t = 1.2 with a straight chord (0.17 inside the circle at its middle).
        var points = Arc(1.2, 2 * Math.PI);
        var end = points[^1];
        var start = points[0];
        for (int k = 1; k < 100; k++) points.Add(end + (start - end) * (k / 100.0));
        var result = CurveAssembly.Assemble(Curves((points, true)), Data(), Rule);

        var line = Assert.Single(result.Curves.Polylines);
        Assert.True(PolylineChains.IsClosed(line));
        Assert.True(Deviation(result.Curves) < 0.03, $"deviation {Deviation(result.Curves)}");
        Assert.True(LargestAngularGap(result.Curves) < 0.1);
        Assert.Equal(0, result.Report.Completions);
    }

    [Fact]
    public void AnOpenCurveComesOutOpenThoughTheNetworkClosedIt()
    {
        // Data on half the circle; the network's loop returns from its end to its start along the diameter.
        var points = Arc(0, Math.PI);
        var end = points[^1];
        for (int k = 1; k < 200; k++) points.Add(end + (points[0] - end) * (k / 200.0));
        var result = CurveAssembly.Assemble(Curves((points, true)), Data(0, Math.PI, 400), Rule);

        var line = Assert.Single(result.Curves.Polylines);
        Assert.False(PolylineChains.IsClosed(line));
        Assert.True(Deviation(result.Curves) < 0.03);
        // The ends are where the data ends (within about a fit radius).
        var ends = new[] { result.Curves.Vertices[line[0]], result.Curves.Vertices[line[^1]] }.Select(p => Math.Atan2(p.Y, p.X)).Order().ToArray();
        Assert.InRange(ends[0], -0.1, 0.1);
        Assert.InRange(ends[1], Math.PI - 0.1, Math.PI);
        Assert.Equal(1, result.Report.DroppedRuns);                      // the return: a 90° turn, and longer than 0.3 of the arc
        Assert.Equal(0, result.Report.Completions);
    }

    [Fact]
    public void TheNetworksCompletionOfAGapInTheDataIsKept()
    {
        // No data over t ∈ [0, 0.3π] (15 % of the circle); the network's circle runs on through it.
        var result = CurveAssembly.Assemble(Curves((Circle(), true)), Data(0.3 * Math.PI, 2 * Math.PI, 600), Rule);

        var line = Assert.Single(result.Curves.Polylines);
        Assert.True(PolylineChains.IsClosed(line));
        // The gap, plus perhaps a sparse patch of the random sample where the data cannot be followed either.
        Assert.InRange(result.Report.Completions, 1, 2);
        // From the last supported vertex to the first: the gap, less the support distance (≈ 0.05) at each side.
        Assert.InRange(result.Report.CompletionLength, 0.3 * Math.PI - 0.1, 0.3 * Math.PI + 0.2);
        Assert.Equal(0, result.Report.DroppedRuns);
        Assert.True(LargestAngularGap(result.Curves) < 0.05, "the gap is covered");
    }

    [Fact]
    public void ACompletionTooLongForTheCurveIsDropped()
    {
        // Data on a quarter of the circle: the network's other three quarters are 3× the supported length.
        var result = CurveAssembly.Assemble(Curves((Circle(), true)), Data(0, 0.5 * Math.PI, 300), Rule);
        var line = Assert.Single(result.Curves.Polylines);
        Assert.False(PolylineChains.IsClosed(line));
        Assert.Equal(0, result.Report.Completions);
        Assert.True(PolylineChains.Length(result.Curves.Vertices, line) < 0.5 * Math.PI + 0.1);
    }

    [Fact]
    public void SmallLoopsBesideTheCurveAndFarFromItAreDropped()
    {
        // A thin loop lying along the circle (its two sides 0.01 apart) repeats it; a small circle 2 away is unsupported.
        var thin = Arc(2, 2.4, _ => 1.005);
        thin.AddRange(Arc(2.4, 2, _ => 0.995));
        var far = Enumerable.Range(0, 60).Select(k => new Vector3d(0.1 * Math.Cos(k * Math.PI / 30), 0.1 * Math.Sin(k * Math.PI / 30), 2)).ToList();
        var result = CurveAssembly.Assemble(Curves((Circle(), true), (thin, true), (far, true)), Data(), Rule);

        var line = Assert.Single(result.Curves.Polylines);
        Assert.True(PolylineChains.IsClosed(line));
        Assert.Equal(2 * 0.4 + 0.01, result.Report.OverlapLength + result.Report.DuplicateLength, 0.02);
        Assert.Equal(1, result.Report.DroppedRuns);
        Assert.Equal(2 * Math.PI * 0.1, result.Report.DroppedLength, 0.01);
    }

    [Fact]
    public void TheDistancesFollowTheData()
    {
        var result = CurveAssembly.Assemble(Curves((Circle(), true)), Data(), Rule);
        var scale = result.Report.Scale;
        Assert.Equal(Math.Max(1.5 * scale.Reach, 3 * scale.Noise), result.Report.SupportDistance, 12);
        Assert.Equal(Math.Max(2 * scale.Reach, 4 * scale.Noise), result.Report.Radius, 12);
        Assert.InRange(scale.Noise, 0.007, 0.012);
        // 700 points along 2π, ~111 per unit: a ball of one reach holds 6 of them, σ = 0.01 across.
        Assert.InRange(scale.Reach, 0.025, 0.04);
    }

    [Fact]
    public void TooLittleDataIsRefused() =>
        Assert.Throws<InvalidInputException>(() => CurveAssembly.Assemble(Curves((Circle(), true)), Data(count: 5), Rule));
}
