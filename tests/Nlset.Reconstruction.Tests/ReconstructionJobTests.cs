using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;

namespace Nlset.Reconstruction.Tests;

/// <summary>The reconstruction job the CLI, batch runs and tests share: settings by shape, a new or resumed network.</summary>
[Collection(SeededTrainingCollection.Name)]
public sealed class ReconstructionJobTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nlset-job-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static readonly Mesh Cloud = SurfaceSampler.SamplePointCloud(Icosphere.Create(3, radius: 2, center: new Vector3d(1, 0, 0)), 800, seed: 3);

    [Fact]
    public void UnsetSettingsTakeTheShapesDefaults()
    {
        var surface = new ReconstructionRequest { Input = "a.ply", Output = "a.recon.ply" }.Settings();
        Assert.Equal(new ReconstructionSettings().ToJson().ToJsonString(), surface.ToJson().ToJsonString());

        var curve = new ReconstructionRequest { Input = "c.xyz", Output = "c.recon.obj", Shape = ReconstructionShape.Curve }.Settings();
        var d = CurveReconstruction.DefaultSettings;
        Assert.Equal((d.Network, d.Iterations, d.NewtonIterations, 128), (curve.Network, curve.Iterations, curve.NewtonIterations, curve.Resolution));
        Assert.True(curve.Levels.IsZeroOnly);

        // Given settings win; the surface-only ones do not reach a curve.
        var given = new ReconstructionRequest
        {
            Input = "c.xyz", Output = "c.obj", Shape = ReconstructionShape.Curve, Iterations = 7, Resolution = 40, FreeSpaceWeight = 0.3,
        }.Settings();
        Assert.Equal((7, 40), (given.Iterations, given.Resolution));
        Assert.Equal(d.FreeSpaceWeight, given.FreeSpaceWeight);
        Assert.Equal(0, new ReconstructionRequest { Input = "a", Output = "b.ply", KeepSmallComponents = true }.Settings().MinComponentArea);
        Assert.Throws<InvalidInputException>(() => new ReconstructionRequest { Input = "a", Output = "b.ply", BatchSize = 0 }.Settings());
    }

    [Fact]
    public void MaxPointsGoesIntoTheSavedSettingsAndAModelSavedWithoutItKeptEveryPoint()
    {
        var settings = new ReconstructionRequest { Input = "a.ply", Output = "b.ply", MaxPoints = 50_000 }.Settings();
        Assert.Equal(50_000, settings.MaxPoints);
        Assert.Equal(50_000, ReconstructionSettingsJson.FromJson(settings.ToJson()).MaxPoints);
        var old = settings.ToJson();
        old.Remove("maxPoints");
        Assert.Equal(0, ReconstructionSettingsJson.FromJson(old).MaxPoints);
        Assert.Equal(ReconstructionSettings.DefaultMaxPoints, new ReconstructionRequest { Input = "a", Output = "b.ply" }.Settings().MaxPoints);
        Assert.Throws<InvalidInputException>(() => new ReconstructionRequest { Input = "a", Output = "b.ply", MaxPoints = 100 }.Settings());
        var bf16 = new ReconstructionRequest { Input = "a", Output = "b.ply", ProjectionPrecision = ProjectionPrecision.BFloat16 }.Settings();
        Assert.Equal(ProjectionPrecision.BFloat16, ReconstructionSettingsJson.FromJson(bf16.ToJson()).ProjectionPrecision);
        Assert.Equal(ProjectionPrecision.Float32, ReconstructionSettingsJson.FromJson(old).ProjectionPrecision);
    }

    [Fact]
    public void PathsBesideTheOutput()
    {
        Assert.Equal(Path.Combine("/data", "scan.recon.ply"), ReconstructionRequest.DefaultOutput("/data/scan.xyz", ReconstructionShape.Surface));
        Assert.Equal(Path.Combine("/data", "knot.recon.obj"), ReconstructionRequest.DefaultOutput("/data/knot.xyz", ReconstructionShape.Curve));
        var request = new ReconstructionRequest { Input = "/data/scan.xyz", Output = "/out/scan.ply" };
        Assert.Equal("/out/.scan.ply.checkpoint.nlnet", request.CheckpointPath);
        Assert.Equal("/m.nlnet", (request with { SaveModel = "/m.nlnet" }).CheckpointPath);
    }

    [Fact]
    public void OpensANewNetworkOrASavedOneOfTheRightShape()
    {
        var request = new ReconstructionRequest
        {
            Input = Path.Combine(_dir, "cloud.xyz"), Output = Path.Combine(_dir, "out.ply"), Network = NetworkSpec.Parse("2x16"), Iterations = 5,
            BatchSize = 64, Resolution = 16, Device = "cpu", SaveModel = Path.Combine(_dir, "m.nlnet"),
        };
        using (var job = ReconstructionJob.Open(request, Cloud))
        {
            Assert.False(job.ResumedWeights);
            Assert.Null(job.Resume);
            Assert.Equal(800, job.Cloud.Length);
            Assert.Equal(new Vector3d(1, 0, 0).X, job.Normalization.Center.X, 1);   // normalised about the cloud
            var outcome = job.RunSurface();
            Assert.Equal(5, outcome.Training.Iterations);
            job.SaveModel(outcome.Normalization);
        }
        using (var resumed = ReconstructionJob.Open(request with { Resume = request.SaveModel, Network = null }, Cloud))
        {
            Assert.True(resumed.ResumedWeights);
            Assert.Equal("2x16", resumed.Settings.Network.ToString()[..4]);
        }
        var curve = request with { Shape = ReconstructionShape.Curve, Resume = request.SaveModel, Network = null };
        var e = Assert.Throws<InvalidInputException>(() => ReconstructionJob.Open(curve, Cloud));
        Assert.Contains("not a curve network", e.Message);
    }
}
