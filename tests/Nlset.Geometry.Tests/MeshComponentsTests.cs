using Nlset.Geometry;
using Nlset.Geometry.Shapes;

namespace Nlset.Geometry.Tests;

public class MeshComponentsTests
{
    /// <summary>The parts as one mesh, in order (shared by the component tests).</summary>
    internal static Mesh Join(params Mesh[] parts)
    {
        var vertices = new List<Vector3d>();
        var triangles = new List<int>();
        foreach (var p in parts)
        {
            int offset = vertices.Count;
            vertices.AddRange(p.Vertices);
            triangles.AddRange(p.Triangles.Select(i => i + offset));
        }
        return new Mesh([.. vertices], triangles: [.. triangles]);
    }

    [Fact]
    public void TinyBlobsAreRemovedAndLargePiecesKept()
    {
        var big = Icosphere.Create(3, radius: 1);
        var second = Icosphere.Create(2, radius: 0.3, center: new Vector3d(3, 0, 0));        // 9 % of the big one's area
        var blob = Icosphere.Create(0, radius: 0.01, center: new Vector3d(0, 3, 0));         // 0.01 % of it
        var mesh = Join(big, blob, second);

        var (kept, removed) = MeshComponents.RemoveSmall(mesh, 0.005);
        Assert.Equal(1, removed);
        Assert.Equal(big.TriangleCount + second.TriangleCount, kept.TriangleCount);
        Assert.Equal(big.VertexCount + second.VertexCount, kept.VertexCount);
        var topology = MeshTopology.Of(kept);
        Assert.Equal(2, topology.Components);
        Assert.True(topology.IsWatertight);
        // Kept geometry is unchanged: every kept vertex is one of the original big or second sphere's vertices.
        Assert.Equal(big.Vertices, kept.Vertices[..big.VertexCount]);
    }

    [Fact]
    public void NothingToRemoveReturnsTheSameMesh()
    {
        var sphere = Icosphere.Create(2);
        var (kept, removed) = MeshComponents.RemoveSmall(sphere, 0.005);
        Assert.Equal(0, removed);
        Assert.Same(sphere, kept);
    }

    [Fact]
    public void LabelsFollowConnectivity()
    {
        var mesh = Join(Icosphere.Create(0), Icosphere.Create(0, center: new Vector3d(5, 0, 0)));
        var labels = MeshComponents.TriangleLabels(mesh, out int count);
        Assert.Equal(2, count);
        Assert.All(labels[..20], l => Assert.Equal(0, l));
        Assert.All(labels[20..], l => Assert.Equal(1, l));
    }
}
