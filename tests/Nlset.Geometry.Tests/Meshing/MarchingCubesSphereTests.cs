using Nlset.Geometry.Meshing;

namespace Nlset.Geometry.Tests.Meshing;

public class MarchingCubesSphereTests
{
    static readonly Vector3d Center = new(0.013, -0.021, 0.007); // off the grid so no sample is exactly on the sphere
    const double Radius = 0.7;
    static readonly BoundingBox Box = new(new Vector3d(-1, -1, -1), new Vector3d(1, 1, 1));

    static MarchingCubesResult Sphere(int resolution, bool sparse = false) =>
        MarchingCubes.Extract(AnalyticFields.Sphere(Center, Radius), Box, new MarchingCubesOptions { Resolution = resolution, Sparse = sparse });

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void SphereIsWatertightAndVerticesLieOnIt(int resolution)
    {
        var result = Sphere(resolution);
        var mesh = result.Mesh;
        var topology = MeshTopology.Of(mesh);
        Assert.True(topology.IsWatertight, $"{topology}");
        Assert.Equal(1, topology.Components);
        Assert.Equal(0, topology.DegenerateTriangles);
        Assert.Equal(0, MeshIntegrals.DuplicateVertexPositions(mesh));
        Assert.Equal(2, mesh.VertexCount - topology.EdgeCount + mesh.TriangleCount); // Euler characteristic of a sphere
        double h = result.Grid.Spacing;
        foreach (var v in mesh.Vertices)
            Assert.True(Math.Abs((v - Center).Length - Radius) < 0.1 * h, $"vertex {v} is {(v - Center).Length - Radius} off the sphere, cell {h}");
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(128)]
    public void AreaAndVolumeConvergeToTheSpheres(int resolution)
    {
        var result = Sphere(resolution);
        double h = result.Grid.Spacing;
        double area = MeshIntegrals.Area(result.Mesh), volume = MeshIntegrals.EnclosedVolume(result.Mesh);
        double exactArea = 4 * Math.PI * Radius * Radius, exactVolume = 4.0 / 3 * Math.PI * Radius * Radius * Radius;
        // Vertices lie on the sphere (to O(h²)) and a flat triangle of diameter ≤ √3·h sinks below it by at most its
        // sagitta δ = (√3h)²/(8R). So the mesh lies between the sphere and the sphere shrunk by δ: the volume within
        // area·δ below the exact one, the area within the first-order change 2δ/R of a sphere's area when R shrinks by δ.
        double sagitta = 3 * h * h / (8 * Radius);
        Assert.InRange(volume, exactVolume - exactArea * sagitta, exactVolume);
        Assert.InRange(area, exactArea * (1 - 2 * sagitta / Radius), exactArea * (1 + 2 * sagitta / Radius));
    }

    [Fact]
    public void NormalsPointOutwardsAndAFlippedFieldTurnsThemIn()
    {
        var sphere = AnalyticFields.Sphere(Center, Radius);
        var options = new MarchingCubesOptions { Resolution = 40 };
        double outward = MeshIntegrals.EnclosedVolume(MarchingCubes.Extract(sphere, Box, options).Mesh);
        ScalarField flipped = (points, values) =>
        {
            sphere(points, values);
            for (int i = 0; i < values.Length; i++) values[i] = -values[i];
        };
        var inward = MarchingCubes.Extract(flipped, Box, options).Mesh;
        Assert.True(outward > 0);
        Assert.True(MeshIntegrals.EnclosedVolume(inward) < 0);
        Assert.True(MeshTopology.Of(inward).IsWatertight);
    }
}
