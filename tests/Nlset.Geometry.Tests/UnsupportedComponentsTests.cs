using Nlset.Geometry;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;
using Nlset.Geometry.Spatial;

namespace Nlset.Geometry.Tests;

public class UnsupportedComponentsTests
{
    static Mesh Join(params Mesh[] parts) => MeshComponentsTests.Join(parts);

    static Vector3d[] Samples(Mesh mesh, int count, long seed = 0) => SurfaceSampler.SamplePointCloud(mesh, count, seed).Vertices;

    [Fact]
    public void APieceAwayFromTheDataIsDroppedAndSampledPiecesKept()
    {
        var body = Icosphere.Create(4, radius: 0.4);
        var part = Icosphere.Create(3, radius: 0.1, center: new Vector3d(0.6, 0, 0));      // sampled: a real second part
        var blob = Icosphere.Create(3, radius: 0.15, center: new Vector3d(0, 0.7, 0));     // no data near it: hallucinated
        var data = Samples(body, 20000).Concat(Samples(part, 2000, seed: 1)).ToArray();
        var tree = new KdTree(data);
        double tolerance = UnsupportedComponents.DefaultToleranceSpacings * PointSpacing.Median(data, tree);

        var (kept, removed, share) = UnsupportedComponents.Remove(Join(body, part, blob), tree, tolerance);

        Assert.Equal(1, removed);
        Assert.Equal(body.TriangleCount + part.TriangleCount, kept.TriangleCount);
        Assert.Equal(2, MeshTopology.Of(kept).Components);
        Assert.Equal(3, share.Length);
        Assert.True(share[0] > 0.99 && share[1] > 0.99, $"sampled pieces: {share[0]:F3}, {share[1]:F3}");
        Assert.Equal(0, share[2]);
    }

    [Fact]
    public void APieceTouchingTheDataOnlyAtOneSideIsDropped()
    {
        // A blob hanging off the data: its near side is within the tolerance, most of it is not.
        var body = Icosphere.Create(4, radius: 0.4);
        var blob = Icosphere.Create(3, radius: 0.2, center: new Vector3d(0, 0, 0.61));     // 0.01 from the body
        var data = Samples(body, 20000);
        var tree = new KdTree(data);
        double tolerance = UnsupportedComponents.DefaultToleranceSpacings * PointSpacing.Median(data, tree);

        var (kept, removed, share) = UnsupportedComponents.Remove(Join(body, blob), tree, tolerance);

        Assert.Equal(1, removed);
        Assert.Equal(body.TriangleCount, kept.TriangleCount);
        Assert.InRange(share[1], 1e-6, 0.1);
    }

    [Fact]
    public void TheBestSupportedPieceIsKeptEvenWhenNothingIsSupported()
    {
        var a = Icosphere.Create(2, radius: 0.3);
        var b = Icosphere.Create(2, radius: 0.3, center: new Vector3d(2, 0, 0));
        var data = new[] { new Vector3d(0, 0, 0.32), new Vector3d(0, 0, 0.33) };           // only near a's top
        var (kept, removed, _) = UnsupportedComponents.Remove(Join(a, b), new KdTree(data), 0.05);
        Assert.Equal(1, removed);
        Assert.Equal(a.Vertices, kept.Vertices);
    }

    [Fact]
    public void ASupportedMeshComesBackUnchanged()
    {
        var sphere = Icosphere.Create(3, radius: 0.5);
        var data = Samples(sphere, 5000);
        var tree = new KdTree(data);
        var (kept, removed, _) = UnsupportedComponents.Remove(sphere, tree, 4 * PointSpacing.Median(data, tree));
        Assert.Equal(0, removed);
        Assert.Same(sphere, kept);
    }

    [Fact]
    public void MedianSpacingOfAGridIsItsStep()
    {
        var grid = new List<Vector3d>();
        for (int i = 0; i < 20; i++)
            for (int j = 0; j < 20; j++) grid.Add(new Vector3d(0.05 * i, 0.05 * j, 0));
        grid.Add(grid[0]);                                                                   // a duplicate is ignored
        Assert.Equal(0.05, PointSpacing.Median([.. grid]), 12);
    }
}
