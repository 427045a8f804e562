using Nlset.Geometry.IO;

namespace Nlset.Geometry.Tests.IO;

/// <summary>Real meshes from other tools read with the counts their headers declare.</summary>
public class SharedMeshTests
{
    [Theory]
    [InlineData("bunny-lowres.ply", 1839, 3674)]
    [InlineData("camel.off", 9770, 19536)]
    [InlineData("knot1.off", 3200, 6400)]
    [InlineData("homer.off", 4930, 9856)]
    public void Shared_real_meshes_read_with_their_declared_counts(string name, int vertices, int triangles)
    {
        string path = Path.Combine(SharedData.Meshes, name);
        if (!File.Exists(path)) return; // the shared data lives outside the repository
        var mesh = GeometryFiles.Read(path);
        Assert.Equal(vertices, mesh.VertexCount);
        Assert.Equal(triangles, mesh.TriangleCount);
        Assert.True(MeshTopology.Of(mesh).IsWatertight);
    }
}
