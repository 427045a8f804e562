using Nlset.Geometry.Randomness;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;

namespace Nlset.Geometry.Tests;

public class LocalPlaneProjectionTests
{
    static readonly Vector3d TiltedNormal = new Vector3d(0.3, -0.2, 1).Normalized();

    /// <summary>Points on the plane n·x = 0.1 (optionally with Gaussian noise along n).</summary>
    static Vector3d[] TiltedPlane(int count, double sigma, long seed)
    {
        var random = new SeededRandom(seed);
        var u = Vector3d.Cross(TiltedNormal, new Vector3d(1, 0, 0)).Normalized();
        var v = Vector3d.Cross(TiltedNormal, u);
        return Enumerable.Range(0, count)
            .Select(_ => 0.1 * TiltedNormal + random.NextDouble(-0.5, 0.5) * u + random.NextDouble(-0.5, 0.5) * v + random.NextGaussian(0, sigma) * TiltedNormal)
            .ToArray();
    }

    [Fact]
    public void PlaneFitRecoversTheNormalAndTheCentroid()
    {
        var points = TiltedPlane(50, 0, 1);
        var plane = NeighbourhoodPlane.Fit(points, Enumerable.Range(0, 50).ToArray());
        Assert.Equal(1, Math.Abs(Vector3d.Dot(plane.Normal, TiltedNormal)), 12);
        Assert.Equal(1, plane.Normal.Length, 12);
        Assert.Equal(0.1, Vector3d.Dot(plane.Centroid, TiltedNormal), 12);
        Assert.True(plane.Low < 1e-15 && plane.Mid > 0.01, $"eigenvalues {plane.Low}, {plane.Mid}, {plane.High}");
    }

    [Fact]
    public void PointsAlreadyOnAPlaneStayWhereTheyAre()
    {
        var points = TiltedPlane(3000, 0, 2);
        var projected = LocalPlaneProjection.Apply(points);
        for (int i = 0; i < points.Length; i++) Assert.True((projected[i] - points[i]).Length < 1e-12);
    }

    [Fact]
    public void NoiseAcrossAPlaneShrinksToTheFitsUncertainty()
    {
        const double sigma = 0.004;
        var projected = LocalPlaneProjection.Apply(TiltedPlane(20000, sigma, 3));
        var offsets = projected.Select(p => Vector3d.Dot(p, TiltedNormal) - 0.1).ToArray();
        var rms = Math.Sqrt(offsets.Average(o => o * o));
        // A plane through 16 neighbours is uncertain by about σ/√16 in offset, plus its tilt across the neighbourhood.
        Assert.True(rms < 0.4 * sigma, $"rms offset after projection {rms} (noise {sigma})");
    }

    [Fact]
    public void ACloudLargerThanOneBlockIsProjectedPointByPoint()
    {
        // Neighbours are found a block of 65,536 points at a time (memory); every point, on either side of a block's
        // edge, must move exactly as its own plane fit says.
        var sphere = Icosphere.Create(4, radius: 0.5);
        var cloud = SurfaceSampler.SamplePointCloud(sphere, 70000, seed: 5, noiseSigma: 0.003).Vertices;
        var tree = new Nlset.Geometry.Spatial.KdTree(cloud);
        var projected = LocalPlaneProjection.Apply(cloud, 16, tree);
        var indices = new int[16];
        var distances = new double[16];
        foreach (int i in new[] { 0, 65535, 65536, 65537, 69999 })
        {
            tree.KNearest(cloud[i], 16, indices, distances);
            var plane = NeighbourhoodPlane.Fit(cloud, indices);
            var expected = cloud[i] - Vector3d.Dot(cloud[i] - plane.Centroid, plane.Normal) * plane.Normal;
            Assert.Equal(expected, projected[i]);
        }
    }

    [Fact]
    public void NoisySphereComesCloserToTheSphere()
    {
        var sphere = Icosphere.Create(5, radius: 0.5);
        var noisy = SurfaceSampler.SamplePointCloud(sphere, 30000, seed: 4, noiseSigma: 0.004).Vertices;
        double Error(IEnumerable<Vector3d> points) => points.Average(p => Math.Abs(p.Length - 0.5));
        var before = Error(noisy);
        var after = Error(LocalPlaneProjection.Apply(noisy));
        Assert.True(after < 0.45 * before, $"mean |r − R| {before} before, {after} after");
    }

    [Fact]
    public void TooFewPointsAreRefused() =>
        Assert.Throws<InvalidInputException>(() => LocalPlaneProjection.Apply(TiltedPlane(10, 0, 5)));
}
