using Nlset.Geometry.Curves;
using Nlset.Geometry.Meshing;
using Nlset.Geometry.Shapes;

namespace Nlset.Geometry.Tests.Meshing;

public class LevelSetIntersectionTests
{
    static readonly BoundingBox Cube = new(new Vector3d(-1, -1, -1), new Vector3d(1, 1, 1));

    [Fact]
    public void TwoPlanesMeetInTheirLineAcrossTheBox()
    {
        // z = 0.1 and x = 0.2 (off the grid's samples): the line (0.2, y, 0.1), open at the box's faces y = ±1.
        var result = LevelSetIntersection.Extract(AnalyticFields.Plane(new Vector3d(0, 0, 1), 0.1), AnalyticFields.Plane(new Vector3d(1, 0, 0), 0.2),
            Cube, new MarchingCubesOptions { Resolution = 21 });
        var chain = Assert.Single(result.Curve.Polylines);
        Assert.False(PolylineChains.IsClosed(chain));
        Assert.False(result.Curve.HasTriangles);
        foreach (var p in result.Curve.Vertices)
        {
            // Linear fields are interpolated exactly.
            Assert.Equal(0.2, p.X, 12);
            Assert.Equal(0.1, p.Z, 12);
        }
        // It runs along ∇F₁ × ∇F₂ = z × x = +y, from one face of the box to the other.
        var ys = chain.Select(i => result.Curve.Vertices[i].Y).ToArray();
        Assert.All(ys.Zip(ys.Skip(1)), pair => Assert.True(pair.Second > pair.First));
        Assert.Equal(-1, ys[0], 12);
        Assert.Equal(1, ys[^1], 12);
        Assert.Equal(2, PolylineChains.Length(result.Curve.Vertices, chain), 12);
        Assert.Equal(result.Surface.VertexCount, result.SecondFieldEvaluations);
    }

    [Fact]
    public void SwappingTheFieldsReversesTheCurve()
    {
        var a = AnalyticFields.Plane(new Vector3d(0, 0, 1), 0.1);
        var b = AnalyticFields.Plane(new Vector3d(1, 0, 0), 0.2);
        var swapped = LevelSetIntersection.Extract(b, a, Cube, new MarchingCubesOptions { Resolution = 21 }).Curve;
        var chain = Assert.Single(swapped.Polylines);
        Assert.True(swapped.Vertices[chain[0]].Y > swapped.Vertices[chain[^1]].Y);   // x × z = −y
    }

    /// <summary>Cylinder of radius 1 around z and cylinder of radius 0.5 around x: two closed loops
    /// x = ±√(1 − y²), y² + z² = 0.25, where the gradients are never parallel.</summary>
    static readonly ScalarField AroundZ = AnalyticFields.Pointwise(p => Math.Sqrt(p.X * p.X + p.Y * p.Y) - 1);
    static readonly ScalarField AroundX = AnalyticFields.Pointwise(p => Math.Sqrt(p.Y * p.Y + p.Z * p.Z) - 0.5);

    /// <summary>Length of one loop by Simpson's rule on its parametrisation (y, z) = 0.5 (sin φ, cos φ).</summary>
    static double LoopLength()
    {
        static double Speed(double phi)
        {
            double y = 0.5 * Math.Sin(phi), dy = 0.5 * Math.Cos(phi), dz = -0.5 * Math.Sin(phi);
            double dx = -y * dy / Math.Sqrt(1 - y * y);
            return Math.Sqrt(dx * dx + dy * dy + dz * dz);
        }
        int n = 20000;
        double h = 2 * Math.PI / n, sum = Speed(0) + Speed(2 * Math.PI);
        for (int i = 1; i < n; i++) sum += (i % 2 == 1 ? 4 : 2) * Speed(i * h);
        return sum * h / 3;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TwoCylindersMeetInTwoClosedLoops(bool sparse)
    {
        var box = new BoundingBox(new Vector3d(-1.3, -1.3, -1.3), new Vector3d(1.3, 1.3, 1.3));
        var result = LevelSetIntersection.Extract(AroundZ, AroundX, box, new MarchingCubesOptions { Resolution = 80, Sparse = sparse });
        var curve = result.Curve;
        Assert.Equal(2, curve.Polylines.Count);
        Assert.All(curve.Polylines, c => Assert.True(PolylineChains.IsClosed(c)));
        Assert.Equal(2, curve.Polylines.Select(c => Math.Sign(curve.Vertices[c[0]].X)).Distinct().Count());   // one loop each side
        double h = result.Grid.Spacing;
        foreach (var p in curve.Vertices)
        {
            // On both cylinders to the accuracy of linear interpolation, O(h²) with curvature ≤ 2.
            Assert.True(Math.Abs(Math.Sqrt(p.X * p.X + p.Y * p.Y) - 1) < h * h, $"{p} is off the first cylinder (h = {h})");
            Assert.True(Math.Abs(Math.Sqrt(p.Y * p.Y + p.Z * p.Z) - 0.5) < 2 * h * h, $"{p} is off the second cylinder (h = {h})");
        }
        double exact = LoopLength();
        foreach (var c in curve.Polylines)
            Assert.Equal(exact, PolylineChains.Length(curve.Vertices, c), 0.005 * exact);
        // Every vertex is used by exactly one chain, twice in none (the start of a closed chain is repeated once by convention).
        var used = curve.Polylines.SelectMany(c => c.Skip(1)).ToArray();
        Assert.Equal(curve.VertexCount, used.Length);
        Assert.Equal(curve.VertexCount, used.Distinct().Count());
    }

    [Fact]
    public void AContourOnAClosedMeshIsClosed()
    {
        var sphere = Icosphere.Create(4);
        var heights = sphere.Vertices.Select(v => v.Z - 0.3).ToArray();
        var curve = LevelSetIntersection.Contour(sphere, heights);
        var chain = Assert.Single(curve.Polylines);
        Assert.True(PolylineChains.IsClosed(chain));
        foreach (var p in curve.Vertices) Assert.Equal(0.3, p.Z, 12);
        double radius = Math.Sqrt(1 - 0.09);
        Assert.Equal(2 * Math.PI * radius, PolylineChains.Length(curve.Vertices, chain), 0.01 * 2 * Math.PI * radius);
    }

    [Fact]
    public void NoCrossingGivesNoCurve()
    {
        var result = LevelSetIntersection.Extract(AnalyticFields.Sphere(Vector3d.Zero, 0.5), AnalyticFields.Plane(new Vector3d(1, 0, 0), 0.8),
            Cube, new MarchingCubesOptions { Resolution = 16 });
        Assert.True(result.Surface.TriangleCount > 0);
        Assert.Empty(result.Curve.Polylines);
        Assert.Equal(0, result.Curve.VertexCount);
    }

    [Fact]
    public void BadValuesAreInputErrors()
    {
        var sphere = Icosphere.Create(1);
        Assert.Throws<InvalidInputException>(() => LevelSetIntersection.Contour(sphere, new double[3]));
        var values = new double[sphere.VertexCount];
        values[5] = double.NaN;
        Assert.Contains("NaN", Assert.Throws<InvalidInputException>(() => LevelSetIntersection.Contour(sphere, values)).Message);
        Assert.Throws<InvalidInputException>(() => LevelSetIntersection.Contour(sphere, new double[sphere.VertexCount], double.PositiveInfinity));
        ScalarField broken = (points, v) => v.Fill(double.NaN);
        Assert.Throws<InvalidInputException>(() => LevelSetIntersection.Extract(AnalyticFields.Sphere(Vector3d.Zero, 0.5), broken,
            Cube, new MarchingCubesOptions { Resolution = 16 }));
    }
}
