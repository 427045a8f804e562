using Nlset.Geometry.Shapes;

namespace Nlset.Geometry.Tests.Shapes;

public class IcosphereTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void IsAClosedOutwardSphereOfTheRightSize(int subdivisions)
    {
        var center = new Vector3d(1, -2, 0.5);
        var mesh = Icosphere.Create(subdivisions, 2.5, center);
        int faces = 20 << (2 * subdivisions);
        Assert.Equal(faces, mesh.TriangleCount);
        Assert.Equal(faces / 2 + 2, mesh.VertexCount); // Euler: V − E + F = 2 with E = 3F/2
        var topology = MeshTopology.Of(mesh);
        Assert.True(topology.IsWatertight);
        Assert.Equal(1, topology.Components);
        Assert.Equal(0, topology.DegenerateTriangles);
        for (int v = 0; v < mesh.VertexCount; v++)
        {
            Assert.Equal(2.5, (mesh.Vertices[v] - center).Length, 13);
            Assert.Equal(0, (mesh.Normals![v] - (mesh.Vertices[v] - center) / 2.5).Length, 13);
        }
        for (int t = 0; t < mesh.TriangleCount; t++)
        {
            var (a, b, c) = mesh.Triangle(t);
            var triangle = new Triangle3d(mesh.Vertices[a], mesh.Vertices[b], mesh.Vertices[c]);
            Assert.True(Vector3d.Dot(triangle.Normal, triangle.Centroid - center) > 0, $"triangle {t} faces inwards");
        }
    }

    [Fact]
    public void AreaApproachesTheSpheres()
    {
        var mesh = Icosphere.Create(5);
        double area = Enumerable.Range(0, mesh.TriangleCount).Sum(t =>
        {
            var (a, b, c) = mesh.Triangle(t);
            return new Triangle3d(mesh.Vertices[a], mesh.Vertices[b], mesh.Vertices[c]).Area;
        });
        // Inscribed, so slightly smaller: by about 2·sag/r ≈ 0.1 % at this level.
        Assert.InRange(area, 4 * Math.PI * 0.997, 4 * Math.PI);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Icosphere.Create(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Icosphere.Create(Icosphere.MaxSubdivisions + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Icosphere.Create(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Icosphere.Create(1, double.NaN));
    }
}
