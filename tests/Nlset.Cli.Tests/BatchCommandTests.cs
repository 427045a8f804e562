using System.Text.Json;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;
using Nlset.Reconstruction.Batch;

namespace Nlset.Cli.Tests;

/// <summary>batch and batch-report end to end, in-process (and --jobs with worker processes), on tiny clouds and trainings.</summary>
[Collection(TorchCollection.Name)]
public sealed class BatchCommandTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nlset-batch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    string P(string name) => Path.Combine(_dir, name);

    /// <summary>reconstruct options for every row: seconds per row.</summary>
    static readonly string[] Tiny = ["--", "--iterations", "30", "--network", "2x32,r=0.5", "--batch-size", "256", "--resolution", "20", "--device", "cpu", "--threads", "1"];

    void Sphere(string name, int seed)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(P(name))!);
        GeometryFiles.Write(P(name), SurfaceSampler.SamplePointCloud(Icosphere.Create(3, radius: 2), 1000, seed: seed));
    }

    static BatchRowResult Result(string output) => BatchRowResult.Read(PlannedRow.ResultPathOf(output))!;

    [Fact]
    public void RunsEveryRowSkipsDoneRowsOnARerunAndReportsWithScores()
    {
        Sphere("clouds/a.xyz", 1);
        Sphere("clouds/b.xyz", 2);
        GeometryFiles.Write(P("clouds/few.xyz"), new Mesh([new(0, 0, 0), new(1, 0, 0), new(0, 1, 0), new(0, 0, 1), new(1, 1, 1)]));
        GeometryFiles.Write(P("sphere.ply"), Icosphere.Create(4, radius: 2));
        File.WriteAllText(P("scans.csv"), """
            input,output,options,reference
            clouds/a.xyz,out/a.ply,"--levels 0,±0.01 --seed 3",sphere.ply
            clouds/few.xyz,,,sphere.ply
            clouds/b.xyz,,--seed 4,sphere.ply
            """);

        // One shard first, as one task of an array would: only row 1 (the cloud of five points, which fails).
        var shard = CliRun.Of(["batch", P("scans.csv"), "--shard", "1/3", "--output-dir", P("out"), .. Tiny]);
        Assert.Equal(1, shard.ExitCode);
        Assert.False(File.Exists(P("out/a.ply")));
        var failed = Result(P("out/few.recon.ply"));
        Assert.Equal((BatchStatus.Failed, 1, "1/3"), (failed.Status, failed.Attempts, failed.Shard));
        Assert.Contains("cannot describe a surface", failed.Error);

        var all = CliRun.Of(["batch", P("scans.csv"), "--output-dir", P("out"), "--json", .. Tiny]);
        Assert.True(all.ExitCode == 1, all.Err);   // the five-point row fails again; the others are done
        using (var json = JsonDocument.Parse(all.Out))
        {
            Assert.Equal(2, json.RootElement.GetProperty("done").GetInt32());
            Assert.Equal(1, json.RootElement.GetProperty("failed").GetInt32());
        }
        Assert.Contains("Row 2/3 (", all.Err);
        var a = Result(P("out/a.ply"));
        Assert.Equal((BatchStatus.Done, 30), (a.Status, a.Figures!.Iterations));
        Assert.True(a.Figures.Triangles > 100);
        Assert.Equal(2, Result(P("out/few.recon.ply")).Attempts);
        Assert.True(GeometryFiles.Read(P("out/b.recon.ply")).TriangleCount > 100);

        // What reconstruct makes of the same row, bit for bit.
        var single = CliRun.Of(["reconstruct", P("clouds/a.xyz"), "-o", P("single.ply"), "--levels", "0,±0.01", "--seed", "3", .. Tiny[1..]]);
        Assert.True(single.ExitCode == 0, single.Err);
        Assert.Equal(File.ReadAllBytes(P("single.ply")), File.ReadAllBytes(P("out/a.ply")));

        // A rerun skips the done rows (no new attempt) and tries the failed one again.
        var again = CliRun.Of(["batch", P("scans.csv"), "--output-dir", P("out"), .. Tiny]);
        Assert.Equal(1, again.ExitCode);
        Assert.Equal(1, Result(P("out/a.ply")).Attempts);
        Assert.Equal(3, Result(P("out/few.recon.ply")).Attempts);

        var report = CliRun.Of(["batch-report", P("scans.csv"), "--output-dir", P("out"), "--reference", "reference", "--json", .. Tiny]);
        Assert.True(report.ExitCode == 1, report.Err);   // not every row is done
        using (var json = JsonDocument.Parse(report.Out))
        {
            var root = json.RootElement;
            var totals = root.GetProperty("totals");
            Assert.Equal((3, 2, 1), (totals.GetProperty("rows").GetInt32(), totals.GetProperty("done").GetInt32(), totals.GetProperty("failed").GetInt32()));
            Assert.Equal(1, root.GetProperty("failures")[0].GetProperty("row").GetInt32());
            var score = root.GetProperty("rows")[0].GetProperty("score").GetProperty("report");
            // eval-chamfer's figures for the same pair, to the last digit.
            var chamfer = CliRun.Of("eval-chamfer", P("out/a.ply"), P("sphere.ply"), "--json");
            using var direct = JsonDocument.Parse(chamfer.Out);
            Assert.Equal(direct.RootElement.GetProperty("chamferL1").GetProperty("sum").GetDouble(), score.GetProperty("chamferL1").GetProperty("sum").GetDouble());
            Assert.Equal(direct.RootElement.GetProperty("fScore").GetProperty("f").GetDouble(), score.GetProperty("fScore").GetProperty("f").GetDouble());
            // A sphere 4 across, reconstructed by a tiny network in 30 steps: near it on the scale of its size.
            Assert.InRange(score.GetProperty("chamferL1").GetProperty("sum").GetDouble(), 0, 1);
            // The failed row has no mesh to score.
            Assert.False(root.GetProperty("rows")[1].TryGetProperty("score", out var none) && none.ValueKind != JsonValueKind.Null);
        }
        var table = CliRun.Of(["batch-report", P("scans.csv"), "--output-dir", P("out"), .. Tiny]);
        Assert.Contains("3 rows: 2 done, 1 failed", table.Out);
        Assert.Contains("failed: row 1", table.Out);
        var csv = CliRun.Of(["batch-report", P("scans.csv"), "--output-dir", P("out"), "--csv", .. Tiny]);
        Assert.StartsWith("row,status,seconds,iterations,loss", csv.Out);
        Assert.Equal(4, csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void BadRowsAreRefusedWithTheirLinesBeforeAnyRowStarts()
    {
        Sphere("a.xyz", 1);
        File.WriteAllText(P("scans.csv"), "input,options\na.xyz,--seed 1\na.xyz,--levls 0\na.xyz,--time-budget 90\nmissing.xyz,\n");
        var run = CliRun.Of(["batch", P("scans.csv"), .. Tiny]);
        run.AssertBadInput($"scans.csv:3: unknown option '--levls' (did you mean '--levels'?)", "scans.csv:4: ", "has no unit", "scans.csv:5: ", "no such file");
        Assert.Empty(Directory.GetFiles(_dir, "*.result.json"));
        Assert.False(File.Exists(P("a.recon.ply")));

        CliRun.Of(["batch", P("scans.csv"), "--", "--iteratons", "3"]).AssertBadInput("unknown option '--iteratons'");
        File.WriteAllText(P("twice.csv"), "input,output\na.xyz,x.ply\na.xyz,x.ply\n");
        CliRun.Of(["batch", P("twice.csv"), .. Tiny]).AssertBadInput("twice.csv:3", "as " + P("twice.csv") + ":2 does");
        CliRun.Of(["batch", P("scans.csv"), "--shards", "2", .. Tiny]).AssertBadInput("--shards");
    }

    [Fact]
    public void ASlurmArrayTaskTakesItsShardFromTheEnvironment()
    {
        for (int i = 0; i < 3; i++) Sphere($"s/c{i}.xyz", i);
        var variables = new[] { ("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_MAX", "2"), ("SLURM_ARRAY_JOB_ID", "77") };
        try
        {
            foreach (var (name, value) in variables) Environment.SetEnvironmentVariable(name, value);
            var run = CliRun.Of(["batch", P("s"), .. Tiny]);
            Assert.True(run.ExitCode == 0, run.Err);
            Assert.Contains("Slurm array task 1 of 0..2", run.Err);
        }
        finally
        {
            foreach (var (name, _) in variables) Environment.SetEnvironmentVariable(name, null);
        }
        Assert.False(File.Exists(P("s/c0.recon.ply")));
        Assert.False(File.Exists(P("s/c2.recon.ply")));
        var done = Result(P("s/c1.recon.ply"));
        Assert.Equal(("1/3", "slurm 77_1"), (done.Shard, done.Task));
    }

    [Fact]
    public void JobsRunRowsInWorkerProcesses()
    {
        for (int i = 0; i < 3; i++) Sphere($"s/c{i}.xyz", i);
        var run = CliRun.Of(["batch", P("s"), "--jobs", "2", "--output-dir", P("out"), .. Tiny]);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("[worker 0/2]", run.Err);
        Assert.Contains("[worker 1/2]", run.Err);
        Assert.Equal(["0/2", "1/2", "0/2"], Enumerable.Range(0, 3).Select(i => Result(P($"out/c{i}.recon.ply")).Shard));
        Assert.All(Enumerable.Range(0, 3), i => Assert.True(GeometryFiles.Read(P($"out/c{i}.recon.ply")).TriangleCount > 100));
    }
}
