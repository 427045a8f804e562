using Nlset.Geometry.Randomness;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;

namespace Nlset.Geometry.Tests.Sampling;

public class VoxelGridFilterTests
{
    [Fact]
    public void EachVoxelBecomesTheCentroidOfItsPoints()
    {
        // Side 1 from the origin: voxel (0,0,0) holds two points, voxel (1,0,0) three, voxel (0,0,2) one.
        Vector3d[] points =
        [
            new(0.1, 0.2, 0.3), new(0.5, 0.6, 0.7),
            new(1.1, 0.1, 0.1), new(1.2, 0.2, 0.2), new(1.9, 0.9, 0.3),
            new(0.5, 0.5, 2.5),
        ];
        var centroids = VoxelGridFilter.Centroids(points, Vector3d.Zero, 1);
        Assert.Equal(3, centroids.Length);
        AssertClose(new Vector3d(0.3, 0.4, 0.5), centroids.Single(c => c.Z < 1 && c.X < 1));
        AssertClose(new Vector3d(4.2 / 3, 1.2 / 3, 0.6 / 3), centroids.Single(c => c.X > 1));
        AssertClose(new Vector3d(0.5, 0.5, 2.5), centroids.Single(c => c.Z > 2));
    }

    [Fact]
    public void ADenseSphereIsThinnedToAboutTheTargetAndStaysOnTheSphere()
    {
        var sphere = Icosphere.Create(5, radius: 0.5);
        var cloud = SurfaceSampler.SamplePointCloud(sphere, 200_000, seed: 1).Vertices;
        var result = VoxelGridFilter.ToAbout(cloud, 20_000);
        Assert.InRange(result.Points.Length, 18_000, 22_000);
        Assert.Equal(200_000, result.InputPoints);
        // A centroid sinks below a curved surface by at most its sag over a voxel, κ·(side·√3)²/8 with κ = 2 (r = 0.5),
        // on top of the icosphere's own distance to the sphere.
        double sag = 2 * 3 * result.Side * result.Side / 8;
        double facets = cloud.Max(p => 0.5 - p.Length);
        Assert.All(result.Points, p => Assert.InRange(p.Length, 0.5 - facets - sag, 0.5 + 1e-12));
    }

    [Fact]
    public void TheFilterIsDeterministicAndLeavesSmallCloudsAlone()
    {
        var cloud = TestShapes.RandomPoints(new SeededRandom(2), 5000);
        var a = VoxelGridFilter.ToAbout(cloud, 1000);
        var b = VoxelGridFilter.ToAbout(cloud.ToArray(), 1000);
        Assert.Equal(a.Points, b.Points);
        Assert.Same(cloud, VoxelGridFilter.ToAbout(cloud, 5000).Points);
    }

    static void AssertClose(Vector3d expected, Vector3d actual) => Assert.True((expected - actual).Length < 1e-12, $"{actual} ≠ {expected}");
}

public class RandomSubsetTests
{
    [Fact]
    public void ASubsetHoldsDistinctInputPointsInTheirOrderAndRepeatsForItsSeed()
    {
        var cloud = Enumerable.Range(0, 10_000).Select(i => new Vector3d(i, 0, 0)).ToArray();
        var subset = RandomSubset.Of(cloud, 1000, seed: 7);
        Assert.Equal(1000, subset.Length);
        for (int i = 1; i < subset.Length; i++) Assert.True(subset[i].X > subset[i - 1].X);
        Assert.Equal(subset, RandomSubset.Of(cloud, 1000, seed: 7));
        Assert.NotEqual(subset, RandomSubset.Of(cloud, 1000, seed: 8));
        // Uniform: about a tenth of each half of the cloud.
        Assert.InRange(subset.Count(p => p.X < 5000), 430, 570);
        Assert.Same(cloud, RandomSubset.Of(cloud, 10_000, seed: 7));
    }
}
