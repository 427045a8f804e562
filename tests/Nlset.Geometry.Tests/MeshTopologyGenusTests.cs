using Nlset.Geometry;
using Nlset.Geometry.Shapes;

namespace Nlset.Geometry.Tests;

public class MeshTopologyGenusTests
{
    [Fact]
    public void ASphereHasGenusZeroAndATorusOne()
    {
        var sphere = MeshTopology.Of(Icosphere.Create(3));
        Assert.Equal(2, sphere.EulerCharacteristic);
        Assert.Equal(0, sphere.Genus);
        var torus = MeshTopology.Of(Torus.Create(1, 0.3, 48, 16));
        Assert.Equal(0, torus.EulerCharacteristic);
        Assert.Equal(1, torus.Genus);
    }

    [Fact]
    public void GenusAddsUpOverComponents()
    {
        var mesh = MeshComponentsTests.Join(Torus.Create(1, 0.3, 32, 12), Icosphere.Create(2, center: new Vector3d(5, 0, 0)),
            Torus.Create(1, 0.3, 32, 12, center: new Vector3d(0, 5, 0)));
        var topology = MeshTopology.Of(mesh);
        Assert.Equal(3, topology.Components);
        Assert.Equal(2, topology.Genus);
    }

    [Fact]
    public void AnOpenMeshHasNoGenus()
    {
        var sphere = Icosphere.Create(2);
        var open = new Mesh(sphere.Vertices, triangles: sphere.Triangles[..^3]);
        Assert.Null(MeshTopology.Of(open).Genus);
    }

    [Fact]
    public void UnusedVerticesDoNotCount()
    {
        var sphere = Icosphere.Create(1);
        var withStray = new Mesh([.. sphere.Vertices, new Vector3d(9, 9, 9)], triangles: sphere.Triangles);
        Assert.Equal(0, MeshTopology.Of(withStray).Genus);
    }
}
