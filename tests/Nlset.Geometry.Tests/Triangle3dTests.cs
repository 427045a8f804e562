using Nlset.Geometry.Randomness;

namespace Nlset.Geometry.Tests;

public class Triangle3dTests
{
    static readonly Triangle3d Unit = new(new(0, 0, 0), new(1, 0, 0), new(0, 1, 0));

    // One query in each of the seven Voronoi regions of the unit right triangle in z = 0, with the
    // closest point worked out by hand.
    [Theory]
    [InlineData(-1, -1, 2, 0, 0, 0)]        // vertex A
    [InlineData(2, -0.5, 1, 1, 0, 0)]       // vertex B
    [InlineData(-0.5, 2, -1, 0, 1, 0)]      // vertex C
    [InlineData(0.3, -1, 0.5, 0.3, 0, 0)]   // edge AB
    [InlineData(-2, 0.4, 3, 0, 0.4, 0)]     // edge AC
    [InlineData(1, 1, -2, 0.5, 0.5, 0)]     // edge BC: (1,1) projects to its midpoint
    [InlineData(0.2, 0.3, 5, 0.2, 0.3, 0)]  // interior: straight down
    [InlineData(0.25, 0.25, 0, 0.25, 0.25, 0)] // on the triangle
    public void ClosestPointInEachRegion(double px, double py, double pz, double cx, double cy, double cz)
    {
        var closest = Unit.ClosestPoint(new Vector3d(px, py, pz));
        Assert.Equal(cx, closest.X, 15);
        Assert.Equal(cy, closest.Y, 15);
        Assert.Equal(cz, closest.Z, 15);
        Assert.Equal((new Vector3d(px, py, pz) - new Vector3d(cx, cy, cz)).Length, Unit.DistanceTo(new Vector3d(px, py, pz)), 14);
    }

    [Fact]
    public void ClosestPointAgreesWithProjectThenClampOnRandomTriangles()
    {
        // An independent formulation: the plane projection if it falls inside (all barycentric
        // coordinates ≥ 0), otherwise the nearest of the three edge segments.
        var random = new SeededRandom(5);
        for (int i = 0; i < 5000; i++)
        {
            var t = new Triangle3d(RandomPoint(random), RandomPoint(random), RandomPoint(random));
            var p = RandomPoint(random) * 2;
            Assert.False(t.IsDegenerate);
            Assert.Equal(ProjectThenClampDistance(t, p), t.DistanceTo(p), 12);
        }
    }

    [Fact]
    public void DegenerateTrianglesMeasureTheirEdgesAndNeverGiveNaN()
    {
        var p = new Vector3d(0.5, 2, 1);
        // All three vertices equal: a point.
        var point = new Triangle3d(new(1, 1, 1), new(1, 1, 1), new(1, 1, 1));
        Assert.Equal((p - new Vector3d(1, 1, 1)).Length, point.DistanceTo(p), 15);
        // Two equal vertices: a segment from (0,0,0) to (2,0,0).
        var twoEqual = new Triangle3d(new(0, 0, 0), new(0, 0, 0), new(2, 0, 0));
        Assert.Equal(Math.Sqrt(5), twoEqual.DistanceTo(p), 15);
        // Collinear, C between A and B: the segment from A to B.
        var collinear = new Triangle3d(new(0, 0, 0), new(2, 0, 0), new(1, 0, 0));
        Assert.Equal(Math.Sqrt(5), collinear.DistanceTo(p), 15);
        Assert.Equal(1.0, collinear.DistanceTo(new Vector3d(3, 0, 0)), 15);
        Assert.Equal(0.0, collinear.DistanceTo(new Vector3d(1.5, 0, 0)), 15);
        foreach (var t in new[] { point, twoEqual, collinear })
        {
            Assert.True(t.IsDegenerate);
            Assert.Equal(0.0, t.Area);
            Assert.Equal(Vector3d.Zero, t.Normal);
            // Queries in every direction, including exactly on the degenerate triangle's vertices.
            foreach (var q in new[] { t.A, t.B, t.C, t.Centroid, new Vector3d(-1, -1, -1), new Vector3d(1, 0, 5) })
                Assert.True(t.ClosestPoint(q).IsFinite && double.IsFinite(t.DistanceTo(q)));
        }
    }

    [Fact]
    public void SliversThinnerThanTheRatioAreDegenerateAndThickerOnesAreNot()
    {
        var sliver = new Triangle3d(new(0, 0, 0), new(1, 0, 0), new(0.5, 1e-9, 0));
        Assert.True(sliver.IsDegenerate);
        // A point inside the sliver is measured to its edges: about half the height away, never more than the height.
        Assert.InRange(sliver.DistanceTo(new Vector3d(0.5, 0.5e-9, 0)), 0.4e-9, 1e-9);
        Assert.Equal(0.0, sliver.Area);
        var thin = new Triangle3d(new(0, 0, 0), new(1, 0, 0), new(0.5, 1e-4, 0));
        Assert.False(thin.IsDegenerate);
        Assert.Equal(0.5e-4, thin.Area, tolerance: 1e-18);
        Assert.Equal(2.0, thin.DistanceTo(new Vector3d(0.5, 0.5e-4, 2)), 14);
    }

    [Fact]
    public void AreaNormalAndPointAt()
    {
        var t = new Triangle3d(new(0, 0, 1), new(2, 0, 1), new(0, 3, 1));
        Assert.Equal(3.0, t.Area);
        Assert.Equal(new Vector3d(0, 0, 1), t.Normal);
        Assert.Equal(new Vector3d(0, 0, -1), new Triangle3d(t.A, t.C, t.B).Normal);
        Assert.Equal(new Vector3d(1, 1.5, 1), t.PointAt(0.5, 0.5));
        Assert.Equal(new Vector3d(2.0 / 3, 1, 1), t.Centroid);
    }

    [Fact]
    public void SegmentClosestPointClampsToItsEnds()
    {
        var s = new Segment3d(new(0, 0, 0), new(2, 0, 0));
        Assert.Equal(new Vector3d(0, 0, 0), s.ClosestPoint(new Vector3d(-1, 1, 0)));
        Assert.Equal(new Vector3d(2, 0, 0), s.ClosestPoint(new Vector3d(3, 1, 0)));
        Assert.Equal(new Vector3d(1.5, 0, 0), s.ClosestPoint(new Vector3d(1.5, 1, 1)));
        Assert.Equal(2.0, s.Length);
        var point = new Segment3d(new(1, 1, 1), new(1, 1, 1));
        Assert.Equal(new Vector3d(1, 1, 1), point.ClosestPoint(new Vector3d(5, 5, 5)));
    }

    static Vector3d RandomPoint(SeededRandom random) => new(random.NextDouble(-1, 1), random.NextDouble(-1, 1), random.NextDouble(-1, 1));

    static double ProjectThenClampDistance(Triangle3d t, Vector3d p)
    {
        var n = t.AreaVector;
        var projected = p - n * (Vector3d.Dot(p - t.A, n) / n.LengthSquared);
        // Barycentric coordinates from signed sub-areas.
        double wa = Vector3d.Dot(Vector3d.Cross(t.B - projected, t.C - projected), n);
        double wb = Vector3d.Dot(Vector3d.Cross(t.C - projected, t.A - projected), n);
        double wc = Vector3d.Dot(Vector3d.Cross(t.A - projected, t.B - projected), n);
        if (wa >= 0 && wb >= 0 && wc >= 0) return (p - projected).Length;
        return new[] { new Segment3d(t.A, t.B), new Segment3d(t.B, t.C), new Segment3d(t.C, t.A) }.Min(s => (p - s.ClosestPoint(p)).Length);
    }
}
