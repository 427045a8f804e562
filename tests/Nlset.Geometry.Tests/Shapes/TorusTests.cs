using Nlset.Geometry.Meshing;
using Nlset.Geometry.Shapes;

namespace Nlset.Geometry.Tests.Shapes;

public class TorusTests
{
    [Theory]
    [InlineData(3, 3)]
    [InlineData(24, 12)]
    [InlineData(7, 30)]
    public void IsAClosedOutwardGenusOneSurfaceOnTheTorus(int majorSegments, int minorSegments)
    {
        const double major = 0.35, minor = 0.12;
        var center = new Vector3d(0.5, -1, 2);
        var mesh = Torus.Create(major, minor, majorSegments, minorSegments, center);
        Assert.Equal(majorSegments * minorSegments, mesh.VertexCount);
        Assert.Equal(2 * majorSegments * minorSegments, mesh.TriangleCount);
        var topology = MeshTopology.Of(mesh);
        Assert.True(topology.IsWatertight);
        Assert.Equal(1, topology.Components);
        Assert.Equal(0, topology.DegenerateTriangles);
        Assert.Equal(0, mesh.VertexCount - topology.EdgeCount + mesh.TriangleCount); // Euler characteristic 2 − 2g with genus 1

        // The torus's exact signed distance vanishes at every vertex, and the normal is the unit tube direction.
        var distance = new double[mesh.VertexCount];
        AnalyticFields.Torus(major, minor, center)(mesh.Vertices, distance);
        for (int v = 0; v < mesh.VertexCount; v++)
        {
            Assert.Equal(0, distance[v], 14);
            var d = mesh.Vertices[v] - center;
            double ring = Math.Sqrt(d.X * d.X + d.Y * d.Y);
            var onRing = new Vector3d(d.X / ring * major, d.Y / ring * major, 0);
            Assert.Equal(0, (mesh.Normals![v] - (d - onRing) / minor).Length, 13);
        }
        for (int t = 0; t < mesh.TriangleCount; t++)
        {
            var (a, b, c) = mesh.Triangle(t);
            var triangle = new Triangle3d(mesh.Vertices[a], mesh.Vertices[b], mesh.Vertices[c]);
            var outward = mesh.Normals![a] + mesh.Normals[b] + mesh.Normals[c];
            Assert.True(Vector3d.Dot(triangle.Normal, outward) > 0, $"triangle {t} faces inwards");
        }
    }

    [Fact]
    public void AreaApproachesPappusArea()
    {
        const double major = 0.35, minor = 0.12;
        double exact = 4 * Math.PI * Math.PI * major * minor; // Pappus: tube circumference 2πr swept along 2πR
        double coarse = Area(Torus.Create(major, minor, 32, 16));
        double fine = Area(Torus.Create(major, minor, 256, 128));
        // Chords are shorter than arcs by (π/n)²/6 relative, ≈ 1.3e-4 at 256 × 128 segments, and the error falls ~64× for 8× the segments.
        Assert.InRange(Math.Abs(fine - exact) / exact, 0, 3e-4);
        Assert.True(Math.Abs(fine - exact) < Math.Abs(coarse - exact) / 30);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Torus.Create(1, 0, 8, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => Torus.Create(1, double.NaN, 8, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => Torus.Create(0.5, 0.5, 8, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => Torus.Create(double.PositiveInfinity, 0.5, 8, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => Torus.Create(1, 0.5, 2, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => Torus.Create(1, 0.5, 8, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Torus.Create(1, 0.5, 1 << 16, 1 << 16));
    }

    static double Area(Mesh mesh) => Enumerable.Range(0, mesh.TriangleCount).Sum(t =>
    {
        var (a, b, c) = mesh.Triangle(t);
        return new Triangle3d(mesh.Vertices[a], mesh.Vertices[b], mesh.Vertices[c]).Area;
    });
}
