using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Geometry.Metrics;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;
using TorchSharp;

namespace Nlset.Reconstruction.Tests;

[Collection(SeededTrainingCollection.Name)]
public sealed class SurfaceReconstructionTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nlset-recon-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A sphere of radius 2 around (1, −1, 3): after normalisation it spans [-0.5, 0.5], radius 0.5.</summary>
    static readonly Mesh Sphere = Icosphere.Create(5, radius: 2, center: new Vector3d(1, -1, 3));

    static ReconstructionSettings Small(int iterations = 300) => new()
    {
        Network = NetworkSpec.Parse("3x64,r=0.4"),
        Iterations = iterations,
        BatchSize = 512,
        Resolution = 48,
        Seed = 5,
    };

    static (ReconstructionOutcome Outcome, ImplicitNetwork Network) Reconstruct(Vector3d[] cloud, ReconstructionSettings settings)
    {
        Seeding.Apply(settings.Seed);
        var network = new ImplicitNetwork(settings.Network);
        var outcome = SurfaceReconstruction.Run(cloud, settings, network, Normalization.FitUnitBox(cloud));
        return (outcome, network);
    }

    [Fact]
    public void ShortSeededRunReconstructsASphereInTheInputsCoordinates()
    {
        var cloud = SurfaceSampler.SamplePointCloud(Sphere, 3000, seed: 1).Vertices;
        var (outcome, network) = Reconstruct(cloud, Small());
        using var _ = network;

        var topology = MeshTopology.Of(outcome.Mesh);
        Assert.True(topology.IsWatertight);
        Assert.Equal(1, topology.Components);
        // Mesh lies in the input's coordinates: on the radius-2 sphere, not on the unit box's.
        var error = ExactSurfaceError.Compute(outcome.Mesh, Sphere, samples: 5000);
        Assert.True(error.Accuracy.Mean < 0.012 && error.Completeness.Mean < 0.012,
            $"accuracy {error.Accuracy.Mean}, completeness {error.Completeness.Mean} (radius 2)");
        Assert.True(outcome.Training.Loss < 0.05, $"final loss {outcome.Training.Loss}");
        Assert.Equal(300, outcome.Training.Iterations);
    }

    [Fact]
    public void ExplicitLevelSetsTrainToo()
    {
        var cloud = SurfaceSampler.SamplePointCloud(Sphere, 2000, seed: 2).Vertices;
        var settings = Small(150) with { Levels = LevelSchedule.Parse("0,±0.02") };
        var (outcome, network) = Reconstruct(cloud, settings);
        using var _ = network;
        var error = ExactSurfaceError.Compute(outcome.Mesh, Sphere, samples: 3000);
        Assert.True(error.Sum < 0.045, $"exact surface error {error.Sum}");
    }

    [Fact]
    public void SameSeedGivesBitIdenticalMeshes()
    {
        var cloud = SurfaceSampler.SamplePointCloud(Sphere, 1000, seed: 3).Vertices;
        var settings = Small(20);
        var (a, na) = Reconstruct(cloud, settings);
        var (b, nb) = Reconstruct(cloud, settings);
        na.Dispose();
        nb.Dispose();
        Assert.Equal(a.Mesh.Vertices, b.Mesh.Vertices);
        Assert.Equal(a.Mesh.Triangles, b.Mesh.Triangles);
    }

    [Fact]
    public void CancellationStopsTrainingAndStillExtracts()
    {
        var cloud = SurfaceSampler.SamplePointCloud(Sphere, 1000, seed: 4).Vertices;
        using var cancel = new CancellationTokenSource();
        Seeding.Apply(1);
        using var network = new ImplicitNetwork(NetworkSpec.Parse("2x32,r=0.4"));
        var progress = new Stopper(cancel, atIteration: 5);
        var outcome = SurfaceReconstruction.Run(cloud, Small(1000) with { Resolution = 24 }, network, Normalization.FitUnitBox(cloud), progress, cancel.Token);
        Assert.True(outcome.Training.Stopped);
        Assert.Equal(5, outcome.Training.Iterations);
        Assert.True(outcome.Mesh.TriangleCount > 0);
    }

    [Fact]
    public void ModelFileKeepsTheNormalisationAndMeshesTheSame()
    {
        var cloud = SurfaceSampler.SamplePointCloud(Sphere, 1000, seed: 5).Vertices;
        var settings = Small(10) with { Resolution = 24 };
        var (outcome, network) = Reconstruct(cloud, settings);
        using var _ = network;
        var path = Path.Combine(_dir, "m.nlnet");
        ReconstructionModel.Save(path, network, outcome.Normalization, "cloud.ply", settings.ToJson());

        var loaded = ReconstructionModel.Load(path);
        using var loadedNetwork = loaded.Network;
        Assert.Equal(outcome.Normalization, loaded.Normalization);
        Assert.Equal("cloud.ply", loaded.Source);
        Assert.Equal(10, (int)loaded.Settings!["iterations"]!);
        var again = SurfaceExtractor.Extract(loadedNetwork, loaded.Normalization, 24).Mesh;
        Assert.Equal(outcome.Mesh.Vertices, again.Vertices);
    }

    [Fact]
    public void CorruptModelMetadataIsAnInputError()
    {
        Seeding.Apply(1);
        using var network = new ImplicitNetwork(NetworkSpec.Parse("2x16"));
        var path = Path.Combine(_dir, "bad.nlnet");
        ImplicitNetworkFile.Save(network, path, "{not json");
        var e = Assert.Throws<ModelFileException>(() => ReconstructionModel.Load(path));
        Assert.Contains("metadata", e.Message);
    }

    sealed class Stopper(CancellationTokenSource source, int atIteration) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Iteration == atIteration) source.Cancel();
        }
    }
}
