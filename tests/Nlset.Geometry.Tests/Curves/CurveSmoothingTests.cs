using Nlset.Geometry.Curves;
using Nlset.Geometry.Randomness;

namespace Nlset.Geometry.Tests.Curves;

public class CurveSmoothingTests
{
    /// <summary>The unit circle in 600 vertices, each moved by Gaussian noise σ = 0.01 across (radially and in z).</summary>
    static Mesh NoisyCircle()
    {
        var random = new SeededRandom(7);
        var points = Enumerable.Range(0, 600).Select(k =>
        {
            double t = 2 * Math.PI * k / 600, r = 1 + random.NextGaussian(0, 0.01);
            return new Vector3d(r * Math.Cos(t), r * Math.Sin(t), random.NextGaussian(0, 0.01));
        }).ToArray();
        return new Mesh(points, polylines: [[.. Enumerable.Range(0, 600), 0]]);
    }

    static double MeanDeviation(Mesh m) =>
        m.Vertices.Average(p => Math.Sqrt(Math.Pow(Math.Sqrt(p.X * p.X + p.Y * p.Y) - 1, 2) + p.Z * p.Z));

    [Fact]
    public void SmoothingANoisyCircleBringsItCloserToTheCircleAndKeepsItClosed()
    {
        var noisy = NoisyCircle();
        var smooth = CurveSmoothing.Smooth(noisy, sigma: 0.05);
        var line = Assert.Single(smooth.Polylines);
        Assert.True(PolylineChains.IsClosed(line));
        // Noise 0.0125 on average; averaging ~10 vertices (σ = 0.05 over a 0.0105 spacing) leaves about a third,
        // plus a shrink of κσ²/2 = 0.00125 towards the centre.
        Assert.True(MeanDeviation(noisy) > 0.01);
        Assert.True(MeanDeviation(smooth) < 0.006, $"mean deviation {MeanDeviation(smooth)}");
        // The noise makes the polyline half as long again; smoothed, it is within 2 % of 2π.
        Assert.True(PolylineChains.Length(noisy.Vertices, noisy.Polylines[0]) > 1.2 * 2 * Math.PI);
        Assert.Equal(2 * Math.PI, PolylineChains.Length(smooth.Vertices, line), 0.02 * 2 * Math.PI);
    }

    [Fact]
    public void TheEndsOfAnOpenCurveStayPut()
    {
        var random = new SeededRandom(8);
        var points = Enumerable.Range(0, 101).Select(k => new Vector3d(0.01 * k, random.NextGaussian(0, 0.002), 0)).ToArray();
        var smooth = CurveSmoothing.Smooth(new Mesh(points, polylines: [Enumerable.Range(0, 101).ToArray()]), sigma: 0.05);
        var line = Assert.Single(smooth.Polylines);
        Assert.False(PolylineChains.IsClosed(line));
        Assert.Equal(points[0], smooth.Vertices[line[0]]);
        Assert.Equal(points[^1], smooth.Vertices[line[^1]]);
        Assert.True(smooth.Vertices.Average(p => Math.Abs(p.Y)) < 0.5 * points.Average(p => Math.Abs(p.Y)));
    }

    [Fact]
    public void ResamplingSpacesPointsEvenlyAlongTheCurve()
    {
        // An L: 1 along x, then 2 along y, in 3 uneven segments.
        Vector3d[] points = [new(0, 0, 0), new(0.9, 0, 0), new(1, 0, 0), new(1, 2, 0)];
        var even = CurveSmoothing.Resample(points, closed: false, spacing: 0.1);
        Assert.Equal(31, even.Length);
        Assert.Equal(new Vector3d(1, 0, 0), even[10]);
        Assert.Equal(0, (even[20] - new Vector3d(1, 1, 0)).Length, 12);
        Assert.Equal(points[^1], even[^1]);
        var loop = CurveSmoothing.Resample([new(0, 0, 0), new(1, 0, 0), new(1, 1, 0), new(0, 1, 0)], closed: true, spacing: 0.5);
        Assert.Equal(8, loop.Length);                                  // 4 around, in halves; the start is not repeated
    }

    [Fact]
    public void ZeroLeavesTheCurveAloneAndANegativeSigmaIsRefused()
    {
        var noisy = NoisyCircle();
        Assert.Same(noisy, CurveSmoothing.Smooth(noisy, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CurveSmoothing.Smooth(noisy, -1));
    }
}
