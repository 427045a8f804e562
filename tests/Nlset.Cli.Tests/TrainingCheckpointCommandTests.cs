using Nlset.Cli.Commands;
using Nlset.Core;
using Nlset.Geometry.IO;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;
using Nlset.Reconstruction;

using Nlset.Cli.Reporting;

namespace Nlset.Cli.Tests;

/// <summary>
/// Issue 13: a run that fails keeps its work. A fault injected after a step leaves a checkpoint (and a mesh from the
/// weights reached) and one line saying where; --resume continues it to the very weights of a run that never failed;
/// a finished run leaves no hidden checkpoint behind.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class TrainingCheckpointCommandTests() : TestFolder("nlset-checkpoint-")
{
    public override void Dispose()
    {
        TrainingReport.FaultAfterStep = null;
        base.Dispose();
    }

    // 60 steps, the weight average from step 30: the fault at 45 falls in the averaged half.
    static readonly string[] Small = ["--iterations", "60", "--network", "2x32,r=0.5", "--batch-size", "256", "--resolution", "24", "--device", "cpu", "--seed", "4"];

    static byte[] Weights(string model)
    {
        var loaded = ReconstructionModel.Load(model);
        using var network = loaded.Network;
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) network.save(writer);
        return stream.ToArray();
    }

    [Fact]
    public void AFailedRunKeepsACheckpointThatResumeContinuesBitForBit()
    {
        var input = SphereCloud();
        var whole = CliRun.Of(["reconstruct", input, "-o", P("whole.ply"), "--save-model", P("whole.nlnet"), .. Small]);
        Assert.True(whole.ExitCode == 0, whole.Err);

        TrainingReport.FaultAfterStep = 45;
        var failed = CliRun.Of(["reconstruct", input, "-o", P("failed.ply"), "--save-model", P("failed.nlnet"), .. Small]);
        TrainingReport.FaultAfterStep = null;
        Assert.Equal(1, failed.ExitCode);
        var lines = failed.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("nlset:")).ToList();
        var line = Assert.Single(lines);
        Assert.Contains("training failed at step 45", line);
        Assert.Contains($"(45 steps) is saved in {P("failed.nlnet")}", line);
        Assert.Contains("--resume", line);
        Assert.DoesNotContain("   at ", failed.Err);
        // The mesh from the weights reached is written, and the checkpoint reads as a model too.
        Assert.True(GeometryFiles.Read(P("failed.ply")).TriangleCount > 100);
        Assert.NotNull(ReconstructionModel.Load(P("failed.nlnet")).TrainingState);

        var resumed = CliRun.Of("reconstruct", input, "-o", P("resumed.ply"), "--resume", P("failed.nlnet"), "--save-model", P("resumed.nlnet"), "--device", "cpu");
        Assert.True(resumed.ExitCode == 0, resumed.Err);
        Assert.Contains("at step 45 of 60", resumed.Err);
        Assert.Equal(Weights(P("whole.nlnet")), Weights(P("resumed.nlnet")));
        Assert.Equal(File.ReadAllBytes(P("whole.ply")), File.ReadAllBytes(P("resumed.ply")));
        // The finished model is a plain model again: no training state.
        Assert.Null(ReconstructionModel.Load(P("resumed.nlnet")).TrainingState);
    }

    [Fact]
    public void WithoutSaveModelTheCheckpointIsHiddenBesideTheOutputAndGoneAfterSuccess()
    {
        var input = SphereCloud();
        var hidden = Nlset.Reconstruction.ReconstructionRequest.HiddenCheckpointPath(P("out.ply"));
        Assert.Equal(P(".out.ply.checkpoint.nlnet"), hidden);

        TrainingReport.FaultAfterStep = 20;
        var failed = CliRun.Of(["reconstruct", input, "-o", P("out.ply"), .. Small]);
        TrainingReport.FaultAfterStep = null;
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains(hidden, failed.Err);
        Assert.True(File.Exists(hidden));

        var resumed = CliRun.Of("reconstruct", input, "-o", P("out.ply"), "--resume", hidden, "--device", "cpu");
        Assert.True(resumed.ExitCode == 0, resumed.Err);
        Assert.False(File.Exists(hidden), "the hidden checkpoint outlived a finished run");

        var plain = CliRun.Of(["reconstruct", input, "-o", P("plain.ply"), .. Small]);
        Assert.True(plain.ExitCode == 0, plain.Err);
        Assert.Empty(Directory.GetFiles(Dir, ".*"));
    }

    [Fact]
    public void ACurveRunKeepsItsWorkToo()
    {
        var helix = Enumerable.Range(0, 600).Select(i => new Nlset.Geometry.Vector3d(Math.Cos(i * 0.05), Math.Sin(i * 0.05), i * 0.002)).ToArray();
        GeometryFiles.Write(P("helix.xyz"), new Nlset.Geometry.Mesh(helix));
        TrainingReport.FaultAfterStep = 10;
        var failed = CliRun.Of("reconstruct", P("helix.xyz"), "--curve", "--iterations", "30", "--network", "2x32", "--device", "cpu", "-o", P("helix.obj"));
        TrainingReport.FaultAfterStep = null;
        Assert.Equal(1, failed.ExitCode);
        var hidden = Nlset.Reconstruction.ReconstructionRequest.HiddenCheckpointPath(P("helix.obj"));
        Assert.Contains(hidden, failed.Err);
        var resumed = CliRun.Of("reconstruct", P("helix.xyz"), "--curve", "--resume", hidden, "--device", "cpu", "-o", P("helix.obj"), "--keep-all-curves");
        Assert.True(resumed.ExitCode == 0, resumed.Err);
        Assert.Contains("at step 10 of 30", resumed.Err);
        Assert.False(File.Exists(hidden));
    }
}
