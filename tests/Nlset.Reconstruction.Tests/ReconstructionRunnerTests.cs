using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;

namespace Nlset.Reconstruction.Tests;

/// <summary>The one call behind `reconstruct` and every batch row: what it writes, what it reports and in what order.</summary>
[Collection(SeededTrainingCollection.Name)]
public sealed class ReconstructionRunnerTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nlset-runner-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    string P(string name) => Path.Combine(_dir, name);

    static readonly Mesh Sphere = SurfaceSampler.SamplePointCloud(Icosphere.Create(3, radius: 2), 800, seed: 3);

    /// <summary>Writes down each event by name.</summary>
    sealed class Events : IReconstructionObserver
    {
        public readonly List<string> Heard = [];
        public int Steps;
        public void Opened(ReconstructionJob job) => Heard.Add("opened");
        public void Prepared(DenoisingDecision denoising) => Heard.Add("prepared");
        public IProgress<TrainingProgress>? TrainingStarted()
        {
            Heard.Add("training");
            return new Progress(this);
        }
        public void TrainingEnded() => Heard.Add("ended");
        public void Trained(ReconstructionJob job, ReconstructionOutcome outcome) => Heard.Add("trained");
        public void Trained(ReconstructionJob job, CurveReconstructionOutcome outcome, CurveExtractionSettings extraction) => Heard.Add("trained curve");
        public void ModelSaved(string path) => Heard.Add("saved");
        public void NormalsWritten(string path, OrientedNormalsResult normals) => Heard.Add("normals");
        public void Written(ReconstructionResult result) => Heard.Add("written");

        sealed class Progress(Events events) : IProgress<TrainingProgress>
        {
            public void Report(TrainingProgress value) => events.Steps++;
        }
    }

    ReconstructionRequest Request() => new()
    {
        Input = P("cloud.xyz"), Output = P("out.ply"), Network = NetworkSpec.Parse("2x16,r=0.5"), Iterations = 6,
        BatchSize = 64, Resolution = 16, Device = "cpu", Seed = 2,
    };

    [Fact]
    public void ASurfaceRunWritesTheMeshModelAndNormalsAndRemovesItsHiddenCheckpoint()
    {
        var request = Request() with { SaveModel = P("m.nlnet") };
        var events = new Events();
        var result = ReconstructionRunner.Run(request, _ => Sphere, new ReconstructionOutputs { NormalsOut = P("n.xyz") }, events);
        Assert.Equal(["opened", "prepared", "training", "ended", "trained", "saved", "normals", "written"], events.Heard);
        Assert.Equal(6, events.Steps);
        Assert.Equal((800, 6), (result.Points, result.Training.Iterations));
        var mesh = GeometryFiles.Read(P("out.ply"));
        Assert.Equal(result.Surface!.Mesh.TriangleCount, mesh.TriangleCount);
        Assert.True(mesh.TriangleCount > 0);
        Assert.Equal(result.Topology!.Components, MeshTopology.Of(mesh).Components);
        Assert.Equal(800, GeometryFiles.Read(P("n.xyz")).VertexCount);
        Assert.Equal((800, P("n.xyz")), (result.Normals!.Count, result.NormalsPath));
        Assert.True(File.Exists(P("m.nlnet")));

        // Without a model file the checkpoint is hidden beside the output, and a finished run removes it.
        ReconstructionRunner.Run(Request() with { Output = P("again.ply") }, _ => Sphere);
        Assert.False(File.Exists(ReconstructionRequest.HiddenCheckpointPath(P("again.ply"))));
        // Seeded: the same request writes the same bytes.
        Assert.Equal(File.ReadAllBytes(P("out.ply")), File.ReadAllBytes(P("again.ply")));
    }

    [Fact]
    public void AStoppedRunWritesWhatItTrainedAndSaysSo()
    {
        using var stop = new CancellationTokenSource();
        stop.Cancel();
        var result = ReconstructionRunner.Run(Request() with { Iterations = 50 }, _ => Sphere, cancel: stop.Token);
        Assert.True(result.Training.Stopped);
        Assert.True(result.Training.Iterations < 50);
        Assert.True(File.Exists(P("out.ply")));
    }

    [Fact]
    public void ACurveRunTracesAndWritesPolylines()
    {
        var helix = new Mesh(Enumerable.Range(0, 600).Select(i => i / 600.0 * 4 * Math.PI)
            .Select(t => new Vector3d(Math.Cos(t), Math.Sin(t), t / (4 * Math.PI))).ToArray());
        var events = new Events();
        var request = Request() with
        {
            Shape = ReconstructionShape.Curve, Output = P("curve.obj"), Network = NetworkSpec.Parse("2x32,out=2,r=0.4"), Iterations = 40,
            Resolution = 32,
        };
        var result = ReconstructionRunner.Run(request, _ => helix, new ReconstructionOutputs { CurveExtraction = new CurveExtractionSettings { Resolution = 32, KeepAll = true } }, events);
        Assert.Equal(["opened", "training", "ended", "trained curve", "written"], events.Heard);
        Assert.True(result.Curve!.Curve.Polylines.Count > 0);
        Assert.Null(result.Surface);
        Assert.Equal(result.Curve.Curve.Polylines.Count, GeometryFiles.Read(P("curve.obj")).Polylines.Count);
    }
}
