using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;
using TorchSharp;

namespace Nlset.Reconstruction.Tests;

[Collection(SeededTrainingCollection.Name)]
public sealed class OrientedNormalsTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nlset-normals-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Largest and mean angle, in degrees, between each normal and the outward radial direction from <paramref name="centre"/>.</summary>
    static (double Worst, double Mean) AnglesFromRadial(Vector3d[] points, Vector3d[] normals, Vector3d centre)
    {
        double worst = 0, sum = 0;
        for (int i = 0; i < points.Length; i++)
        {
            var radial = points[i] - centre;
            double cos = Math.Clamp(Vector3d.Dot(radial, normals[i]) / radial.Length, -1, 1);
            double angle = Math.Acos(cos) * 180 / Math.PI;
            worst = Math.Max(worst, angle);
            sum += angle;
        }
        return (worst, sum / points.Length);
    }

    static void AssertUnit(Vector3d[] normals)
    {
        foreach (var n in normals) Assert.InRange(n.Length, 1 - 1e-9, 1 + 1e-9);
    }

    [Fact]
    public void GeometricallyInitialisedNetworkGivesOutwardRadialNormals()
    {
        // The geometric initialisation makes F ≈ ‖x‖ − 0.5, a lumpy sphere (radius ±8–10 % over directions): its
        // gradient is close to radial and points outwards, from F < 0 inside to F > 0 outside.
        Seeding.Apply(3);
        using var network = new ImplicitNetwork(NetworkSpec.Parse("4x256,r=0.5"));
        var points = SurfaceSampler.SamplePointCloud(Icosphere.Create(3, radius: 0.5), 2000, seed: 1).Vertices;
        var result = OrientedNormals.Compute(network, Normalization.Identity, points);

        Assert.Equal(points.Length, result.Count);
        AssertUnit(result.Normals);
        Assert.Equal(0, result.Filled);
        Assert.Equal(0, result.OutsideBox);
        var (worst, mean) = AnglesFromRadial(points, result.Normals, Vector3d.Zero);
        // Measured (seed 3): worst 25.6°, mean 10.0° — the random network's lumps, not an error of the gradient.
        Assert.True(worst < 35 && mean < 12, $"angle from the radial direction: worst {worst:F2}°, mean {mean:F2}°");
    }

    [Fact]
    public void TrainedSphereCloudGetsOutwardNormalsInTheInputsCoordinates()
    {
        // A sphere of radius 2 around (1, −1, 3), as SurfaceReconstructionTests reconstructs it.
        var centre = new Vector3d(1, -1, 3);
        var sphere = Icosphere.Create(5, radius: 2, center: centre);
        var cloud = SurfaceSampler.SamplePointCloud(sphere, 3000, seed: 1).Vertices;
        var settings = new ReconstructionSettings
        {
            Network = NetworkSpec.Parse("3x64,r=0.4"), Iterations = 300, BatchSize = 512, Resolution = 24, Seed = 5,
        };
        Seeding.Apply(settings.Seed);
        using var network = new ImplicitNetwork(settings.Network);
        var outcome = SurfaceReconstruction.Run(cloud, settings, network, Normalization.FitUnitBox(cloud));

        var result = OrientedNormals.Compute(network, outcome.Normalization, cloud);
        AssertUnit(result.Normals);
        var (worst, mean) = AnglesFromRadial(cloud, result.Normals, centre);
        // Measured: worst 17.3°, mean 4.0° after 300 steps of a 3×64 ReLU network (piecewise linear: its gradient jumps).
        Assert.True(worst < 25 && mean < 6, $"angle from the radial direction: worst {worst:F2}°, mean {mean:F2}°");

        // Written in the input's order and coordinates, one normal per point.
        var path = Path.Combine(_dir, "oriented.ply");
        var written = OrientedNormals.Write(path, network, outcome.Normalization, cloud);
        var back = GeometryFiles.Read(path);
        Assert.Equal(cloud, back.Vertices);
        Assert.NotNull(back.Normals);
        for (int i = 0; i < cloud.Length; i++)
            Assert.True((back.Normals![i] - written.Normals[i]).Length < 1e-6, $"point {i}");
    }

    [Fact]
    public void AScaledAndShiftedCloudGetsTheSameDirections()
    {
        Seeding.Apply(4);
        using var network = new ImplicitNetwork(NetworkSpec.Parse("3x64,r=0.4,fourier=2"));
        // The fourier weights start at zero: give them some, so the field is not a sphere and the test is not trivial.
        using (torch.no_grad())
            foreach (var p in network.parameters()) p.add_(torch.randn_like(p).mul_(0.1));
        var points = SurfaceSampler.SamplePointCloud(Icosphere.Create(3, radius: 0.4), 1000, seed: 2).Vertices;
        var moved = points.Select(p => p * 250.0 + new Vector3d(5e5, -3e3, 12.5)).ToArray();

        var a = OrientedNormals.Compute(network, Normalization.FitUnitBox(points), points);
        var b = OrientedNormals.Compute(network, Normalization.FitUnitBox(moved), moved);
        for (int i = 0; i < points.Length; i++)
            Assert.True((a.Normals[i] - b.Normals[i]).Length < 1e-4, $"point {i}: {a.Normals[i]} vs {b.Normals[i]}");
    }

    /// <summary>
    /// One hidden layer, no Fourier features: F = Σ ReLU(x) − 0.1. Where x &lt; 0 every unit is off and ∇F = 0 (a dead
    /// region, as a ReLU network can have), elsewhere ∇F = (8, 0, 0).
    /// </summary>
    static ImplicitNetwork DeadLeftHalf()
    {
        var network = new ImplicitNetwork(NetworkSpec.Parse("1x8,r=0.1"));
        using var _ = torch.no_grad();
        var first = network.Layer(0);
        first.weight!.zero_();
        first.weight[.., 0].fill_(HeldScalars.One);
        first.bias!.zero_();
        network.Layer(1).weight!.fill_(HeldScalars.One);
        return network;
    }

    [Fact]
    public void APointWithoutGradientTakesItsNearestNeighboursNormalAndIsCounted()
    {
        using var network = DeadLeftHalf();
        var points = new[]
        {
            new Vector3d(0.1, 0, 0), new Vector3d(0.3, 0.2, 0), new Vector3d(0.2, -0.3, 0.1),
            new Vector3d(-0.25, 0.2, 0),     // dead
            new Vector3d(-0.05, -0.3, 0.1),  // dead
        };
        var result = OrientedNormals.Compute(network, Normalization.Identity, points);
        Assert.Equal(2, result.Filled);
        Assert.Equal(0.4, result.FilledShare, 12);
        foreach (var n in result.Normals) Assert.Equal(new Vector3d(1, 0, 0), n);

        var report = result.Report("out.ply");
        Assert.Equal(2, report.FilledFromNeighbours);
        Assert.Equal(5, report.Points);
    }

    [Fact]
    public void TheNeighboursPlaneGivesTheDirectionAndTheGradientTheSide()
    {
        // Points on the tilted plane x = 0.2 + 0.3 y (normal ∝ (1, −0.3, 0)); the network's gradient is (8, 0, 0) there,
        // 17° from the plane's normal: the normal is the plane's, on the gradient's side.
        using var network = DeadLeftHalf();
        var points = new List<Vector3d>();
        for (int i = 0; i < 10; i++)
            for (int j = 0; j < 10; j++)
            {
                double y = -0.3 + 0.06 * i, z = -0.3 + 0.06 * j;
                points.Add(new Vector3d(0.2 + 0.3 * y, y, z));
            }
        var result = OrientedNormals.Compute(network, Normalization.Identity, points.ToArray());
        var expected = new Vector3d(1, -0.3, 0) / Math.Sqrt(1.09);
        Assert.Equal(0, result.FromGradient);
        foreach (var n in result.Normals) Assert.True((n - expected).Length < 1e-9, $"{n} against {expected}");

        // The same plane with the field's sign turned: the same direction, the other side.
        using (torch.no_grad()) network.Layer(1).weight!.neg_();
        foreach (var n in OrientedNormals.Compute(network, Normalization.Identity, points.ToArray()).Normals)
            Assert.True((n + expected).Length < 1e-9, $"{n} against {-expected}");
    }

    [Fact]
    public void ANoisyCloudKeepsTheGradient()
    {
        // The tilted plane of the test above with noise across it of a third of the point spacing: rough, so no plane fits.
        using var network = DeadLeftHalf();
        var random = new Nlset.Geometry.Randomness.SeededRandom(3);
        var normal = new Vector3d(1, -0.3, 0) / Math.Sqrt(1.09);
        var points = new List<Vector3d>();
        for (int i = 0; i < 30; i++)
            for (int j = 0; j < 30; j++)
            {
                double y = -0.3 + 0.02 * i, z = -0.3 + 0.02 * j;
                points.Add(new Vector3d(0.2 + 0.3 * y, y, z) + normal * random.NextGaussian(0, 0.007));
            }
        var result = OrientedNormals.Compute(network, Normalization.Identity, points.ToArray());
        Assert.Equal(points.Count, result.FromGradient);
        foreach (var n in result.Normals) Assert.Equal(new Vector3d(1, 0, 0), n);
    }

    [Fact]
    public void AGradientSteepToTheNeighboursPlaneIsKeptAndCounted()
    {
        // The plane x = 0.2 + 3 y stands 72° from the gradient (8, 0, 0): the plane is not trusted there.
        using var network = DeadLeftHalf();
        var points = new List<Vector3d>();
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++)
            {
                double y = -0.05 + 0.02 * i, z = -0.3 + 0.12 * j;
                points.Add(new Vector3d(0.2 + 3 * y, y, z));
            }
        var result = OrientedNormals.Compute(network, Normalization.Identity, points.ToArray());
        Assert.Equal(points.Count, result.FromGradient);
        foreach (var n in result.Normals) Assert.Equal(new Vector3d(1, 0, 0), n);
        Assert.Equal(points.Count, result.Report("out.ply").GradientDirections);
    }

    [Fact]
    public void TheNeighbourGivesItsOwnNormal()
    {
        // Good points with different normals (a field whose gradient varies): each dead point copies its nearest's.
        using var network = DeadLeftHalf();
        using (torch.no_grad())
        {
            // Unit 1 reads y instead of x: for x > 0 the gradient is (7, 1, 0) where y > 0 and (7, 0, 0) below.
            var first = network.Layer(0);
            first.weight![1, 0].fill_(HeldScalars.Zero);
            first.weight[1, 1].fill_(HeldScalars.One);
        }
        var points = new[] { new Vector3d(0.3, 0.2, 0), new Vector3d(0.3, -0.2, 0), new Vector3d(-0.2, -0.25, 0) };
        // The third point: x < 0 and y < 0, every unit off; its nearest good point is the second.
        var result = OrientedNormals.Compute(network, Normalization.Identity, points);
        Assert.Equal(1, result.Filled);
        Assert.Equal(result.Normals[1], result.Normals[2]);
        Assert.NotEqual(result.Normals[0], result.Normals[1]);
    }

    [Fact]
    public void NoGradientAnywhereIsAnInputError()
    {
        using var network = DeadLeftHalf();
        var points = new[] { new Vector3d(-0.1, 0, 0), new Vector3d(-0.3, 0.1, 0) };
        var e = Assert.Throws<InvalidInputException>(() => OrientedNormals.Compute(network, Normalization.Identity, points));
        Assert.Contains("all 2 points", e.Message);
    }

    [Fact]
    public void PointsOutsideTheTrainingBoxAreCounted()
    {
        Seeding.Apply(1);
        using var network = new ImplicitNetwork(NetworkSpec.Parse("2x32,r=0.4"));
        var points = new[] { new Vector3d(0.1, 0, 0), new Vector3d(0.7, 0, 0), new Vector3d(0, -2, 0) };
        Assert.Equal(2, OrientedNormals.Compute(network, Normalization.Identity, points).OutsideBox);
    }

    [Fact]
    public void OutputsThatCannotHoldNormalsOrAreInputsAreRefused()
    {
        var stl = Path.Combine(_dir, "n.stl");
        Assert.Contains(".ply", Assert.Throws<InvalidInputException>(() => OrientedNormals.CheckOutput(stl, "-o", [])).Message);
        var cloud = Path.Combine(_dir, "cloud.ply");
        Assert.Contains("input", Assert.Throws<InvalidInputException>(() => OrientedNormals.CheckOutput(cloud, "-o", [cloud])).Message);
        var mesh = Path.Combine(_dir, "mesh.ply");
        Assert.Contains("-o", Assert.Throws<InvalidInputException>(() =>
            OrientedNormals.CheckOutput(mesh, "--normals-out", [cloud], (mesh, "-o"), (null, "--save-model"))).Message);
        OrientedNormals.CheckOutput(Path.Combine(_dir, "fine.xyz"), "-o", [cloud], (mesh, "-o"));
    }
}
