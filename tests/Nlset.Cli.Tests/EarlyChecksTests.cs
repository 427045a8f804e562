using System.Text.Json;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;

namespace Nlset.Cli.Tests;

/// <summary>
/// Mistakes caught before any work: every output path, option pairs and units, overwriting an input, a broken model
/// before its data. AssertBadInput requires a single stderr line, so a check that came after the work started (and
/// its log lines) fails these tests.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class EarlyChecksTests() : TestFolder("nlset-early-")
{
    string Cloud() => Write("cloud.xyz", SurfaceSampler.SamplePointCloud(Icosphere.Create(2), 300, seed: 1));

    // /proc exists but takes no new files: the case a folder-exists check misses.
    static bool HasProc => Directory.Exists("/proc/self");

    [Theory]
    [InlineData("-o", "/proc/x.ply")]
    [InlineData("--save-model", "/proc/m.nlnet")]
    [InlineData("--preview", "/proc/p.png")]
    [InlineData("--plots", "/proc/plots")]
    [InlineData("--log-file", "/proc/x.log")]
    public void Unwritable_outputs_of_reconstruct_are_refused_before_training(string option, string path)
    {
        if (!HasProc) return;
        CliRun.Of("reconstruct", Cloud(), option, path, "--iterations", "5", "--device", "cpu").AssertBadInput(option, path, "cannot create files in /proc");
        Assert.Equal(["cloud.xyz"], Directory.GetFiles(Dir).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("-o", "out.xyz", "a mesh is written as")]
    [InlineData("--save-model", "model.pt", "a model is written as .nlnet")]
    [InlineData("--preview", "p.jpg", ".png")]
    [InlineData("-o", "no/such/folder/out.ply", "does not exist")]
    public void Outputs_with_unknown_extensions_or_missing_folders_are_refused_before_training(string option, string path, string reason) =>
        CliRun.Of("reconstruct", Cloud(), option, P(path), "--iterations", "5", "--device", "cpu").AssertBadInput(reason);

    [Fact]
    public void Reconstruct_refuses_to_write_its_mesh_over_its_input()
    {
        GeometryFiles.Write(P("cloud.ply"), SurfaceSampler.SamplePointCloud(Icosphere.Create(2), 300, seed: 1));
        CliRun.Of("reconstruct", P("cloud.ply"), "-o", P("cloud.ply"), "--iterations", "5").AssertBadInput("is also the input");
    }

    [Fact]
    public void Time_budget_needs_a_unit_and_excludes_iterations()
    {
        CliRun.Of("reconstruct", Cloud(), "--time-budget", "5").AssertBadInput("'5' has no unit", "5s", "5m");
        CliRun.Of("reconstruct", Cloud(), "--iterations", "10", "--time-budget", "1m").AssertBadInput("--iterations and --time-budget exclude each other");
    }

    [Fact]
    public void Sample_refuses_to_overwrite_its_input_unless_forced()
    {
        GeometryFiles.Write(P("k.off"), Icosphere.Create(1));
        var before = File.ReadAllBytes(P("k.off"));
        CliRun.Of("sample", P("k.off"), "-o", P("k.off"), "-n", "50").AssertBadInput("k.off", "is also the input", "--force");
        Assert.Equal(before, File.ReadAllBytes(P("k.off")));

        var forced = CliRun.Of("sample", P("k.off"), "-o", P("k.off"), "-n", "50", "--force");
        Assert.True(forced.ExitCode == 0, forced.Err);
        Assert.Equal(50, GeometryFiles.Read(P("k.off")).VertexCount);
    }

    [Fact]
    public void Normalize_refuses_to_overwrite_its_input_unless_forced()
    {
        GeometryFiles.Write(P("m.ply"), Icosphere.Create(1, radius: 4));
        CliRun.Of("normalize", P("m.ply"), "-o", P("m.ply")).AssertBadInput("is also the input");
        Assert.Equal(8, GeometryFiles.Read(P("m.ply")).Bounds.LargestSide, 6);
        Assert.Equal(0, CliRun.Of("normalize", P("m.ply"), "-o", P("m.ply"), "--force").ExitCode);
        Assert.Equal(1, GeometryFiles.Read(P("m.ply")).Bounds.LargestSide, 6);
    }

    [Theory]
    [InlineData("render", "/proc/x.png")]
    [InlineData("normalize", "/proc/n.ply")]
    [InlineData("sample", "/proc/s.ply")]
    public void Unwritable_outputs_of_the_geometry_commands_exit_2_naming_the_path_asked_for(string command, string path)
    {
        if (!HasProc) return;
        GeometryFiles.Write(P("m.ply"), Icosphere.Create(1));
        var run = CliRun.Of(command, P("m.ply"), "-o", path);
        run.AssertBadInput(path, "cannot create files in /proc");
        Assert.DoesNotContain(".tmp", run.Err);
    }

    [Fact]
    public void Train_robust_checks_its_checkpoint_path_before_the_data()
    {
        if (!HasProc) return;
        // No data in the folder and no downloads: a data-first command would complain about MNIST's files.
        CliRun.Of("train-robust", "--dataset", "mnist", "--data-dir", Dir, "--no-download", "-o", "/proc/x.pt")
            .AssertBadInput("--output /proc/x.pt", "cannot create files in /proc");
    }

    [Fact]
    public void Eval_robust_checks_the_model_before_the_data()
    {
        File.WriteAllText(P("garbage.nlnet"), "junk");
        // The data folder is empty and downloads are off: a data-first command would complain about MNIST's files.
        CliRun.Of("eval-robust", P("garbage.nlnet"), "--dataset", "mnist", "--data-dir", Dir, "--no-download").AssertBadInput("garbage.nlnet");
    }

    [Fact]
    public void Eval_chamfer_warns_when_the_two_inputs_differ_in_size()
    {
        GeometryFiles.Write(P("small.ply"), Icosphere.Create(2, radius: 1));
        GeometryFiles.Write(P("large.ply"), Icosphere.Create(2, radius: 10));
        var run = CliRun.Of("eval-chamfer", P("small.ply"), P("large.ply"), "--count", "500");
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("differ in size by 10x", run.Err);
        Assert.Contains("same units", run.Err);

        var same = CliRun.Of("eval-chamfer", P("small.ply"), P("small.ply"), "-n", "500");
        Assert.DoesNotContain("WRN", same.Err);
    }

    [Theory]
    [InlineData("--count")]
    [InlineData("-n")]
    [InlineData("--samples")]
    public void Counts_are_named_count_everywhere_and_the_old_names_still_work(string name)
    {
        GeometryFiles.Write(P("m.ply"), Icosphere.Create(1));
        var run = CliRun.Of("eval-chamfer", P("m.ply"), P("m.ply"), name, "700", "--json");
        Assert.True(run.ExitCode == 0, run.Err);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(700, json.RootElement.GetProperty("reference").GetProperty("samples").GetInt32());
        Assert.Contains("--count", CliRun.Of("sample", "--help").Out);
        Assert.Contains("-n, --count", CliRun.Of("eval-robust", "--help").Out);
    }
}
