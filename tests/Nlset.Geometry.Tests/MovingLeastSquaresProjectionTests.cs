using Nlset.Geometry.Randomness;
using Nlset.Geometry.Spatial;

namespace Nlset.Geometry.Tests;

public class MovingLeastSquaresProjectionTests
{
    const double Radius = 0.3;

    /// <summary>Uniform points on the sphere of <see cref="Radius"/> about the origin.</summary>
    static Vector3d[] Sphere(int count, long seed)
    {
        var random = new SeededRandom(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var d = new Vector3d(random.NextGaussian(0, 1), random.NextGaussian(0, 1), random.NextGaussian(0, 1));
            return d.Normalized() * Radius;
        }).ToArray();
    }

    static (Vector3d[] Cloud, KdTree Tree, double Spacing) Cloud(Vector3d[] cloud)
    {
        var tree = new KdTree(cloud);
        return (cloud, tree, PointSpacing.Median(cloud, tree));
    }

    [Fact]
    public void PointsNearASphereLandOnIt()
    {
        var (cloud, tree, spacing) = Cloud(Sphere(40_000, 1));
        // Vertices off the surface by up to a spacing, inside and out, with their radial normals.
        var directions = Sphere(500, 2).Select(p => p.Normalized()).ToArray();
        var random = new SeededRandom(3);
        var offsets = directions.Select(_ => random.NextDouble(-1, 1) * spacing).ToArray();
        var points = directions.Select((d, i) => d * (Radius + offsets[i])).ToArray();
        var result = MovingLeastSquaresProjection.Apply(points, directions, cloud, tree, spacing, new());
        Assert.Equal(points.Length, result.Moved);
        double before = offsets.Average(Math.Abs);
        double after = result.Points.Average(p => Math.Abs(p.Length - Radius));
        // The quadric follows the sphere's curvature, where a plane fit would leave κh²/2 ≈ 2e-4 · h-units of bias.
        Assert.True(after < before / 20, $"mean distance to the sphere {after:G3} after, {before:G3} before (spacing {spacing:G3})");
        // The move is along the normal: directions from the centre barely change.
        for (int i = 0; i < points.Length; i++) Assert.True(Vector3d.Dot(result.Points[i].Normalized(), directions[i]) > 1 - 1e-4);
    }

    [Fact]
    public void PointsOnAPlaneCloudLandExactlyOnThePlane()
    {
        var random = new SeededRandom(4);
        var normal = new Vector3d(0.2, -0.3, 1).Normalized();
        var u = Vector3d.Cross(normal, new Vector3d(1, 0, 0)).Normalized();
        var v = Vector3d.Cross(normal, u);
        var cloud = Enumerable.Range(0, 5000).Select(_ => 0.05 * normal + random.NextDouble(-0.5, 0.5) * u + random.NextDouble(-0.5, 0.5) * v).ToArray();
        var (_, tree, spacing) = Cloud(cloud);
        var points = Enumerable.Range(0, 100).Select(i => 0.05 * normal + (i % 10 - 4.5) * 0.05 * u + (i / 10 - 4.5) * 0.05 * v + 0.5 * spacing * normal).ToArray();
        var result = MovingLeastSquaresProjection.Apply(points, points.Select(_ => -normal).ToArray(), cloud, tree, spacing, new());
        Assert.Equal(points.Length, result.Moved);
        foreach (var p in result.Points) Assert.Equal(0.05, Vector3d.Dot(p, normal), 9);
        Assert.Equal(0.5 * spacing, result.MeanStep, 9);
    }

    [Fact]
    public void AnUntrustworthyFitLeavesThePointWhereItIs()
    {
        var (cloud, tree, spacing) = Cloud(Sphere(20_000, 5));
        var d = new Vector3d(0, 0, 1);
        var tooSteep = d * (Radius + 0.5 * spacing);              // its own normal lies in the tangent plane
        var tooFar = new Vector3d(1, 0, 0) * (Radius + 5 * spacing); // farther than MaxStepSpacings (3)
        var result = MovingLeastSquaresProjection.Apply([tooSteep, tooFar], [new Vector3d(1, 0, 0), new Vector3d(1, 0, 0)], cloud, tree, spacing, new());
        Assert.Equal(0, result.Moved);
        Assert.Equal(tooSteep, result.Points[0]);
        Assert.Equal(tooFar, result.Points[1]);
    }

    [Fact]
    public void TooFewCloudPointsMoveNothing()
    {
        var cloud = Sphere(5, 6);
        var result = MovingLeastSquaresProjection.Apply([new Vector3d(0.3, 0, 0)], [new Vector3d(1, 0, 0)], cloud, new KdTree(cloud), 0.1, new());
        Assert.Equal(0, result.Moved);
    }
}
