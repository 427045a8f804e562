using Nlset.Geometry;

namespace Nlset.Reconstruction.Tests;

public class CloudCheckTests
{
    static Mesh Cloud(params Vector3d[] points) => Mesh.PointCloud(points);

    [Fact]
    public void EmptyCloudIsRefused() =>
        Assert.Contains("empty", Assert.Throws<InvalidInputException>(() => SurfaceReconstruction.CloudOf(Cloud(), "a.ply")).Message);

    [Fact]
    public void OnePointIsRefused() =>
        Assert.Contains("1 point cannot", Assert.Throws<InvalidInputException>(() => SurfaceReconstruction.CloudOf(Cloud(new Vector3d(1, 2, 3)), "a.ply")).Message);

    [Fact]
    public void IdenticalPointsAreRefused()
    {
        var same = Enumerable.Repeat(new Vector3d(1, 2, 3), 50).ToArray();
        Assert.Contains("identical", Assert.Throws<InvalidInputException>(() => SurfaceReconstruction.CloudOf(Cloud(same), "a.ply")).Message);
    }

    [Fact]
    public void NonFiniteCoordinatesAreRefused()
    {
        var points = Enumerable.Range(0, 20).Select(i => new Vector3d(i, 0, 0)).ToArray();
        points[7] = new Vector3d(double.NaN, 0, 0);
        var e = Assert.Throws<InvalidInputException>(() => SurfaceReconstruction.CloudOf(Cloud(points), "a.ply"));
        Assert.Contains("vertex 7", e.Message);
    }
}
