using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.Metrics;
using Nlset.Geometry.Randomness;
using Nlset.Geometry.Spatial;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Reconstruction.Tests;

/// <summary>The parts a reconstruction is made of, each against a known answer.</summary>
[Collection(SeededTrainingCollection.Name)]
public sealed class ReconstructionPartsTests
{
    static Vector3d[] RandomCloud(int n, int seed)
    {
        var random = new SeededRandom(seed);
        return [.. Enumerable.Range(0, n).Select(_ => new Vector3d(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5))];
    }

    [Fact]
    public void NearestInputPointsAreTheBruteForceNearest()
    {
        var cloud = RandomCloud(500, 1);
        var prepared = new PreparedCloud(cloud);
        using var nearest = new NearestInputPoints(prepared, CPU);
        using var queries = torch.rand(200, 3, generator: new Generator(4)) - 0.5;
        using var found = nearest.Of(queries);
        var q = queries.to(float64).data<double>().ToArray();
        var f = found.to(float64).data<double>().ToArray();
        for (int i = 0; i < 200; i++)
        {
            var p = new Vector3d(q[3 * i], q[3 * i + 1], q[3 * i + 2]);
            var best = cloud.Min(c => (c - p).Length);
            var got = (new Vector3d(f[3 * i], f[3 * i + 1], f[3 * i + 2]) - p).Length;
            Assert.Equal(best, got, 5);   // float32 coordinates
        }
        Assert.Equal(PointSpacing.Median(cloud), prepared.Spacing);
        Assert.Same(prepared.Tree, prepared.Tree);
    }

    [Fact]
    public void TheSamplerDrawsAroundTheBatchAndUniformlyInTheBox()
    {
        var settings = new ReconstructionSettings { ZeroLevelSigma = 0.01, UniformFraction = 0.25 };
        var sampler = new ReconstructionSampler(settings);
        Seeding.Apply(2);
        using var scope = NewDisposeScope();
        var batch = torch.zeros(400, 3);
        var starts = sampler.ZeroLevelStarts(batch);
        Assert.Equal(new long[] { 400, 3 }, starts.shape);
        var near = starts.narrow(0, 0, 300);
        var box = starts.narrow(0, 300, 100);
        // N(0, σ²) per coordinate: the spread is σ, nothing beyond 6σ.
        Assert.InRange(near.std().item<float>(), 0.008, 0.012);
        Assert.True(near.abs().max().item<float>() < 0.06);
        // Uniform in [−h, h]³: within the box, spread h/√3.
        var h = ReconstructionSettings.BoxHalfSize;
        Assert.True(box.abs().max().item<float>() <= h);
        Assert.InRange(box.std().item<float>(), 0.8 * h / Math.Sqrt(3), 1.2 * h / Math.Sqrt(3));

        var general = sampler.GeneralLevelPoints(batch);
        Assert.Equal(400, general.shape[0]);
        // Half at each spread (0.006, 0.12 by default).
        Assert.InRange(general.narrow(0, 0, 200).std().item<float>(), 0.005, 0.007);
        Assert.InRange(general.narrow(0, 200, 200).std().item<float>(), 0.1, 0.14);
    }

    [Fact]
    public void TheNetworkFieldIsTheNetworksOutputAndTheExtractorMeshesItsSphere()
    {
        // Geometric initialisation: F ≈ ‖x‖ − r, a sphere of radius r (paper's reference init; Core tests measure it).
        Seeding.Apply(5);
        using var network = new ImplicitNetwork(NetworkSpec.Parse("2x64,r=0.3"));
        var points = new[] { new Vector3d(0, 0, 0), new Vector3d(0.3, 0, 0), new Vector3d(0, 0.5, 0) };
        var values = new double[3];
        NetworkField.Of(network)(points, values);
        using (var noGrad = torch.no_grad())
        {
            using var direct = network.forward(torch.tensor(new float[] { 0, 0, 0, 0.3f, 0, 0, 0, 0.5f, 0 }, [3, 3]));
            var expected = direct.to(float64).data<double>().ToArray();
            Assert.Equal(expected, values);
        }
        Assert.True(values[0] < 0 && values[2] > 0, $"inside {values[0]}, outside {values[2]}");

        // The zero level along +x, by bisection on the field (the initialised sphere is round but not exactly r).
        double lo = 0, hi = 0.6;
        var one = new double[1];
        for (int i = 0; i < 40; i++)
        {
            var mid = (lo + hi) / 2;
            NetworkField.Of(network)([new Vector3d(mid, 0, 0)], one);
            if (one[0] < 0) lo = mid; else hi = mid;
        }
        // In the input's coordinates: a cloud scaled by 4 about (10, 0, 0) puts the sphere at 4 × that radius around it.
        var normalization = new Normalization(new Vector3d(10, 0, 0), 0.25);
        var mesh = SurfaceExtractor.Extract(network, normalization, 48).Mesh;
        Assert.True(mesh.TriangleCount > 500);
        var alongX = mesh.Vertices.Where(v => Math.Abs(v.Y) < 0.1 && Math.Abs(v.Z) < 0.1 && v.X > 10).Select(v => v.X - 10).ToArray();
        Assert.NotEmpty(alongX);
        Assert.InRange(alongX.Average(), 4 * lo - 0.05, 4 * lo + 0.05);
        Assert.True(MeshTopology.Of(mesh).IsWatertight);
    }
}
