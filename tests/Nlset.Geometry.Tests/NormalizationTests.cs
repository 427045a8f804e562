using Nlset.Geometry;

namespace Nlset.Geometry.Tests;

public class NormalizationTests
{
    [Fact]
    public void FitsTheLargestSideToOneAndCentresTheBox()
    {
        Vector3d[] pts = [new(1, 2, 3), new(5, 3, 3.5), new(2, 2.5, 4)];
        var n = Normalization.FitUnitBox(pts);
        var mapped = pts.Select(n.Apply).ToArray();
        var box = BoundingBox.Of(mapped);
        Assert.Equal(1.0, box.LargestSide, 12);
        Assert.Equal(0.0, box.Center.Length, 12);
        foreach (var (p, q) in pts.Zip(mapped)) Assert.True((n.Invert(q) - p).Length < 1e-12);
    }

    [Fact]
    public void IdenticalPointsAreBadInput()
    {
        Vector3d[] pts = [new(1, 1, 1), new(1, 1, 1)];
        var e = Assert.Throws<InvalidInputException>(() => Normalization.FitUnitBox(pts));
        Assert.Contains("identical", e.Message);
    }

    [Fact]
    public void NoPointsAreBadInput() =>
        Assert.Contains("no points", Assert.Throws<InvalidInputException>(() => Normalization.FitUnitBox([])).Message);

    [Fact]
    public void MeshTopologyCountsBoundaryAndNonManifoldEdges()
    {
        // A tetrahedron is closed; removing one face leaves three boundary edges;
        // a fin (third triangle on one edge) makes that edge non-manifold.
        Vector3d[] v = [new(0, 0, 0), new(1, 0, 0), new(0, 1, 0), new(0, 0, 1), new(1, 1, 1)];
        int[] tet = [0, 2, 1, 0, 1, 3, 1, 2, 3, 0, 3, 2];
        var closed = MeshTopology.Of(new Mesh(v, triangles: tet));
        Assert.True(closed.IsWatertight);
        Assert.Equal(6, closed.EdgeCount);
        Assert.Equal(1, closed.Components);

        var open = MeshTopology.Of(new Mesh(v, triangles: tet[..9]));
        Assert.Equal(3, open.BoundaryEdges);
        Assert.False(open.IsWatertight);

        var fin = MeshTopology.Of(new Mesh(v, triangles: [.. tet, 0, 1, 4]));
        Assert.Equal(1, fin.NonManifoldEdges);
        Assert.Equal(2, fin.BoundaryEdges);
    }
}
