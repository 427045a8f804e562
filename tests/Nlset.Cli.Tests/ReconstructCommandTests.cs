using Nlset.Reconstruction;
using System.Text.Json;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;

namespace Nlset.Cli.Tests;

/// <summary>reconstruct and extract end to end, in-process, on tiny settings (seconds).</summary>
[Collection(TorchCollection.Name)]
public sealed class ReconstructCommandTests() : TestFolder("nlset-reconstruct-")
{
    static readonly string[] Tiny = ["--iterations", "40", "--network", "2x32", "--batch-size", "256", "--resolution", "24", "--device", "cpu"];
    // Tiny, starting from the sphere the cloud samples (normalised radius 0.5): 40 steps from the default r = 0.9 (a
    // sphere wider than the extraction box) leave a level set still clipped by the box, whose offsets cannot grow.
    static readonly string[] TinyFromSphere = [.. Tiny.Select(a => a == "2x32" ? "2x32,r=0.5" : a)];

    [Fact]
    public void ReconstructsWritesTheMeshBesideTheInputAndTheModel()
    {
        var input = SphereCloud();
        var run = CliRun.Of(["reconstruct", input, "--save-model", P("m.nlnet"), "--json", .. TinyFromSphere]);
        Assert.True(run.ExitCode == 0, run.Err);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(P("sphere.recon.ply"), root.GetProperty("output").GetString());
        Assert.Equal(40, root.GetProperty("iterations").GetInt32());
        Assert.True(root.GetProperty("loss").GetProperty("total").GetDouble() > 0);
        // The sphere is sampled all over: no piece of it is judged unsupported by the data.
        Assert.Equal(0, root.GetProperty("removedUnsupportedComponents").GetInt32());
        Assert.Equal(1, root.GetProperty("mesh").GetProperty("components").GetInt32());
        var mesh = GeometryFiles.Read(P("sphere.recon.ply"));
        Assert.True(mesh.TriangleCount > 100);
        // In the input's coordinates: a radius-3 sphere spans about 6.
        Assert.InRange(mesh.Bounds.LargestSide, 4.5, 7.5);
        Assert.True(File.Exists(P("m.nlnet")));

        var extract = CliRun.Of("extract", P("m.nlnet"), "-o", P("again.obj"), "--resolution", "24", "--device", "cpu");
        Assert.True(extract.ExitCode == 0, extract.Err);
        var again = GeometryFiles.Read(P("again.obj"));
        Assert.Equal(mesh.TriangleCount, again.TriangleCount);

        // An offset level set (input units) is a larger surface around the first: wider along every axis (by less
        // where the box, 7.2 wide in these units, clips it).
        var offset = CliRun.Of("extract", P("m.nlnet"), "-o", P("offset.ply"), "--resolution", "24", "--level", "0.5", "--device", "cpu");
        Assert.True(offset.ExitCode == 0, offset.Err);
        static double SmallestSide(Mesh m) => Math.Min(m.Bounds.Size.X, Math.Min(m.Bounds.Size.Y, m.Bounds.Size.Z));
        Assert.True(SmallestSide(GeometryFiles.Read(P("offset.ply"))) > SmallestSide(mesh) + 0.5);

        var resumed = CliRun.Of(["reconstruct", input, "--resume", P("m.nlnet"), "-o", P("resumed.ply"), .. Tiny]);
        Assert.True(resumed.ExitCode == 0, resumed.Err);
    }

    [Fact]
    public void NoisyCloudsAreDenoisedByDefaultAndCleanOnesAreNot()
    {
        var clean = SphereCloud("clean.xyz");
        Write("noisy.xyz", TestMeshes.SphereCloud(noise: 0.1));
        string[] tiny = ["--iterations", "2", "--batch-size", "64", "--resolution", "16", "--device", "cpu", "--json"];
        foreach (var (input, options, expected) in new[]
                 { (clean, Array.Empty<string>(), 0), (P("noisy.xyz"), [], InputDenoising.Neighbours), (P("noisy.xyz"), ["--denoise", "off"], 0), (clean, ["--denoise", "8"], 8) })
        {
            var run = CliRun.Of(["reconstruct", input, .. tiny, .. options]);
            Assert.True(run.ExitCode == 0, run.Err);
            using var json = JsonDocument.Parse(run.Out);
            var noise = json.RootElement.GetProperty("noise");
            Assert.Equal(expected, noise.GetProperty("denoiseNeighbours").GetInt32());
            Assert.Equal(options.Length == 0, noise.GetProperty("automatic").GetBoolean());
            Assert.Equal(ReconstructionSettings.DefaultNetwork.ToString(), json.RootElement.GetProperty("network").GetString());
            Assert.Contains("Noise estimate of the cloud", run.Err);
        }
    }

    [Fact]
    public void CloudsOverMaxPointsAreThinnedCleanOnesToVoxelCentroidsNoisyOnesToARandomSubset()
    {
        Write("clean.xyz", SurfaceSampler.SamplePointCloud(Icosphere.Create(4, radius: 3), 12_000, seed: 1));
        Write("noisy.xyz", SurfaceSampler.SamplePointCloud(Icosphere.Create(4, radius: 3), 12_000, seed: 2, noiseSigma: 0.1));
        string[] tiny = ["--iterations", "2", "--batch-size", "64", "--resolution", "16", "--device", "cpu", "--json"];
        foreach (var (input, options, method) in new[]
                 {
                     (P("clean.xyz"), new[] { "--max-points", "10000" }, CloudThinning.VoxelCentroids),
                     (P("noisy.xyz"), ["--max-points", "10,000"], CloudThinning.RandomSubset),
                     (P("clean.xyz"), ["--max-points", "all"], null),
                     (P("clean.xyz"), [], null),
                 })
        {
            var run = CliRun.Of(["reconstruct", input, .. tiny, .. options]);
            Assert.True(run.ExitCode == 0, run.Err);
            using var json = JsonDocument.Parse(run.Out);
            var root = json.RootElement;
            Assert.Equal(12_000, root.GetProperty("points").GetInt32());
            var thinning = root.GetProperty("thinning");
            if (method is null)
            {
                Assert.Equal(JsonValueKind.Null, thinning.ValueKind);
                Assert.DoesNotContain("Thinned", run.Err);
                continue;
            }
            Assert.Equal(method, thinning.GetProperty("method").GetString());
            Assert.Equal(12_000, thinning.GetProperty("inputPoints").GetInt32());
            if (method == CloudThinning.RandomSubset)
            {
                Assert.Equal(10_000, thinning.GetProperty("points").GetInt32());
                Assert.Equal(InputDenoising.Neighbours, root.GetProperty("noise").GetProperty("denoiseNeighbours").GetInt32());
            }
            else
            {
                // About the target; the voxels' side in the input's units (the sphere is 6 wide).
                Assert.InRange(thinning.GetProperty("points").GetInt32(), 8_500, 11_500);
                Assert.InRange(thinning.GetProperty("voxelSide").GetDouble(), 0.01, 0.2);
                Assert.True(root.GetProperty("refinement").GetProperty("applied").GetBoolean());
            }
            Assert.Contains("Thinned 12,000 points", run.Err);
        }
    }

    [Fact]
    public void TheSummaryGivesTheTimeOfEveryPhaseAndThePeakMemory()
    {
        var input = SphereCloud();
        var run = CliRun.Of(["reconstruct", input, "--json", .. Tiny]);
        Assert.True(run.ExitCode == 0, run.Err);
        using var json = JsonDocument.Parse(run.Out);
        var phases = json.RootElement.GetProperty("secondsByPhase").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal([RunPhases.Reading, RunPhases.Preparing, RunPhases.Training, RunPhases.Extracting, RunPhases.Refining, RunPhases.Writing, "total"], phases.Keys);
        Assert.All(phases.Values, s => Assert.True(s >= 0));
        Assert.Equal(phases.Where(p => p.Key != "total").Sum(p => p.Value), phases["total"], 9);
        Assert.True(phases[RunPhases.Training] >= json.RootElement.GetProperty("trainingSeconds").GetDouble());
        Assert.True(json.RootElement.GetProperty("peakResidentMegabytes").GetDouble() > 50);
        Assert.Contains("Time by phase: reading", run.Err);
    }

    [Fact]
    public void CleanCloudsAreRefinedOntoTheirPointsByDefaultAndNoisyOnesAreNot()
    {
        var clean = SphereCloud("clean.xyz");
        Write("noisy.xyz", TestMeshes.SphereCloud(noise: 0.1));
        string[] tiny = ["--iterations", "2", "--batch-size", "64", "--resolution", "16", "--device", "cpu", "--json"];
        foreach (var (input, options, applied) in new[]
                 { (clean, Array.Empty<string>(), true), (P("noisy.xyz"), [], false), (clean, ["--refine", "off"], false), (P("noisy.xyz"), ["--refine", "on"], true) })
        {
            var run = CliRun.Of(["reconstruct", input, .. tiny, .. options]);
            Assert.True(run.ExitCode == 0, run.Err);
            using var json = JsonDocument.Parse(run.Out);
            var refinement = json.RootElement.GetProperty("refinement");
            Assert.Equal(applied, refinement.GetProperty("applied").GetBoolean());
            Assert.Equal(json.RootElement.GetProperty("mesh").GetProperty("vertices").GetInt32(), refinement.GetProperty("vertices").GetInt32());
            if (applied)
            {
                Assert.True(refinement.GetProperty("moved").GetInt32() > 0, run.Out);
                Assert.Contains("moving-least-squares surface", run.Err);
            }
            else Assert.DoesNotContain("moving-least-squares surface", run.Err);
        }
    }

    [Fact]
    public void EmptyCloudIsOneLineBadInput()
    {
        File.WriteAllText(P("empty.ply"), "ply\nformat ascii 1.0\nelement vertex 0\nproperty float x\nproperty float y\nproperty float z\nend_header\n");
        CliRun.Of(["reconstruct", P("empty.ply"), .. Tiny]).AssertBadInput("empty.ply");
        Assert.False(File.Exists(P("empty.recon.ply")));
    }

    [Fact]
    public void OnePointIsOneLineBadInput()
    {
        File.WriteAllText(P("one.xyz"), "1 2 3\n");
        CliRun.Of(["reconstruct", P("one.xyz"), .. Tiny]).AssertBadInput("one.xyz", "1 point");
    }

    [Fact]
    public void IdenticalPointsAreOneLineBadInput()
    {
        File.WriteAllText(P("same.xyz"), string.Concat(Enumerable.Repeat("1 2 3\n", 40)));
        CliRun.Of(["reconstruct", P("same.xyz"), .. Tiny]).AssertBadInput("same.xyz", "identical");
    }

    [Fact]
    public void NaNIsOneLineBadInput()
    {
        File.WriteAllText(P("nan.xyz"), "1 2 3\n4 5 nan\n");
        CliRun.Of(["reconstruct", P("nan.xyz"), .. Tiny]).AssertBadInput("nan.xyz");
    }

    [Theory]
    [InlineData("--iterations", "0")]
    [InlineData("--network", "8y5")]
    [InlineData("--levels", "abc")]
    [InlineData("--time-budget", "soon")]
    [InlineData("--device", "cuda")]
    [InlineData("--resolution", "3")]
    [InlineData("--free-space", "-1")]
    [InlineData("--denoise", "some")]
    [InlineData("--denoise", "2")]
    [InlineData("--curve", "--free-space=2")]
    [InlineData("--curve", "--denoise=16")]
    [InlineData("--curve", "--keep-unsupported-components")]
    [InlineData("--refine", "sometimes")]
    [InlineData("--curve", "--refine=on")]
    [InlineData("--network", "4x64,fourier=40")]
    [InlineData("--projection-precision", "fp16")]
    [InlineData("--max-points", "5")]
    [InlineData("--max-points", "lots")]
    [InlineData("--max-points", "0")]
    [InlineData("--curve", "--max-points=20000")]
    public void WrongOptionsAreOneLineBadInput(string option, string value)
    {
        var input = SphereCloud();
        CliRun.Of("reconstruct", input, option, value).AssertBadInput();
        Assert.False(File.Exists(P("sphere.recon.ply")));
    }

    [Fact]
    public void UnwritableOutputFormatIsRefusedBeforeTraining() =>
        CliRun.Of(["reconstruct", SphereCloud(), "-o", P("out.xyz"), .. Tiny]).AssertBadInput("out.xyz");

    [Fact]
    public void UnreadableModelIsOneLineBadInput()
    {
        File.WriteAllBytes(P("junk.nlnet"), [1, 2, 3, 4, 5]);
        CliRun.Of("extract", P("junk.nlnet")).AssertBadInput("junk.nlnet");
        CliRun.Of(["reconstruct", SphereCloud(), "--resume", P("junk.nlnet"), .. Tiny]).AssertBadInput("junk.nlnet");
        CliRun.Of("extract", P("absent.nlnet")).AssertBadInput("absent.nlnet");
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "torch";
}
