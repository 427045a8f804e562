using Nlset.Geometry.Curves;
using Nlset.Geometry.Shapes;

namespace Nlset.Geometry.Tests.Shapes;

public class ParametricCurvesTests
{
    [Fact]
    public void TrefoilIsAClosedChainOnItsParametrisation()
    {
        var t = ParametricCurves.Trefoil(300);
        var chain = Assert.Single(t.Polylines);
        Assert.True(PolylineChains.IsClosed(chain));
        Assert.Equal(301, chain.Length);
        Assert.False(t.HasTriangles);
        for (int i = 0; i < 300; i++)
        {
            double s = 2 * Math.PI * i / 300;
            var expected = new Vector3d(Math.Sin(s) + 2 * Math.Sin(2 * s), Math.Cos(s) - 2 * Math.Cos(2 * s), -Math.Sin(3 * s));
            Assert.Equal(0, (t.Vertices[chain[i]] - expected).Length, 14);
        }
        // Finer polygons converge to the curve's length from below.
        double coarse = PolylineChains.Length(t.Vertices, chain);
        var fine = ParametricCurves.Trefoil(20000);
        double finer = PolylineChains.Length(fine.Vertices, fine.Polylines[0]);
        Assert.True(coarse < finer && finer - coarse < 0.01 * finer, $"{coarse} vs {finer}");
    }

    [Fact]
    public void HelixIsOpenWithTheRightRiseAndLength()
    {
        var h = ParametricCurves.Helix(radius: 2, pitch: 0.5, turns: 3, segments: 3000);
        var chain = Assert.Single(h.Polylines);
        Assert.False(PolylineChains.IsClosed(chain));
        Assert.All(h.Vertices, v => Assert.Equal(2, Math.Sqrt(v.X * v.X + v.Y * v.Y), 12));
        Assert.Equal(0, h.Vertices[chain[0]].Z, 12);
        Assert.Equal(1.5, h.Vertices[chain[^1]].Z, 12);
        double exact = 3 * Math.Sqrt(Math.Pow(2 * Math.PI * 2, 2) + 0.25);
        Assert.Equal(exact, PolylineChains.Length(h.Vertices, chain), 3);
    }

    [Fact]
    public void CircleHasItsRadiusAndPerimeter()
    {
        var c = ParametricCurves.Circle(3, new Vector3d(1, 2, 3), segments: 4000);
        Assert.All(c.Vertices, v => Assert.Equal(3, (v - new Vector3d(1, 2, 3)).Length, 12));
        Assert.Equal(6 * Math.PI, PolylineChains.Length(c.Vertices, c.Polylines[0]), 4);
    }

    [Theory]
    [InlineData(0.1, 0.2)]
    [InlineData(0.9, 0.2)]     // wraps past the first vertex
    [InlineData(0.0, 0.5)]
    public void AGapRemovesExactlyThatShareOfTheLength(double start, double gap)
    {
        var circle = ParametricCurves.Circle(1, segments: 1000);
        double length = PolylineChains.Length(circle.Vertices, circle.Polylines[0]);
        var partial = ParametricCurves.WithGap(circle, start, gap);
        var chain = Assert.Single(partial.Polylines);
        Assert.False(PolylineChains.IsClosed(chain));
        Assert.Equal((1 - gap) * length, PolylineChains.Length(partial.Vertices, chain), 9);
        // The ends sit at the gap's ends: angles 2π(start + gap) and 2π·start (vertices of the 1000-gon there).
        static Vector3d OnCircle(double fraction) => new(Math.Cos(2 * Math.PI * fraction), Math.Sin(2 * Math.PI * fraction), 0);
        Assert.Equal(0, (partial.Vertices[chain[0]] - OnCircle(start + gap)).Length, 9);
        Assert.Equal(0, (partial.Vertices[chain[^1]] - OnCircle(start)).Length, 9);
    }

    [Fact]
    public void TheGapAndItsComplementMakeTheWholeCurve()
    {
        var trefoil = ParametricCurves.Trefoil(2048);
        double length = PolylineChains.Length(trefoil.Vertices, trefoil.Polylines[0]);
        var kept = ParametricCurves.WithGap(trefoil, 0.1, 0.2);
        var gap = ParametricCurves.WithGap(trefoil, 0.3, 0.8);
        Assert.Equal(length, PolylineChains.Length(kept.Vertices, kept.Polylines[0]) + PolylineChains.Length(gap.Vertices, gap.Polylines[0]), 9);
        Assert.Equal(0, (kept.Vertices[kept.Polylines[0][0]] - gap.Vertices[gap.Polylines[0][^1]]).Length, 12);
        Assert.Equal(0, (kept.Vertices[kept.Polylines[0][^1]] - gap.Vertices[gap.Polylines[0][0]]).Length, 12);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var circle = ParametricCurves.Circle();
        Assert.Throws<ArgumentOutOfRangeException>(() => ParametricCurves.WithGap(circle, 0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParametricCurves.WithGap(circle, 0.1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParametricCurves.WithGap(circle, -0.1, 0.2));
        Assert.Throws<ArgumentException>(() => ParametricCurves.WithGap(ParametricCurves.Helix(), 0.1, 0.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParametricCurves.Circle(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParametricCurves.Trefoil(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParametricCurves.Helix(turns: 0));
    }
}
