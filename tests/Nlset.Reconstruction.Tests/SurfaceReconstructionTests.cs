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

    /// <summary>A short run as `nlset reconstruct` makes it (the library's job: seeded, a new network, the cloud normalised).</summary>
    ReconstructionRequest Small(int iterations = 300) => new()
    {
        Input = Path.Combine(_dir, "cloud.xyz"),
        Output = Path.Combine(_dir, "cloud.recon.ply"),
        Network = NetworkSpec.Parse("3x64,r=0.4"),
        Iterations = iterations,
        BatchSize = 512,
        Resolution = 48,
        Seed = 5,
    };

    /// <summary>The job's outcome and the job (its network; dispose it).</summary>
    static (ReconstructionOutcome Outcome, ReconstructionJob Job) Reconstruct(Vector3d[] cloud, ReconstructionRequest request,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        var job = ReconstructionJob.Open(request, Mesh.PointCloud(cloud));
        return (job.RunSurface(progress, cancel), job);
    }

    [Fact]
    public void ShortSeededRunReconstructsASphereInTheInputsCoordinates()
    {
        var cloud = SurfaceSampler.SamplePointCloud(Sphere, 3000, seed: 1).Vertices;
        var (outcome, job) = Reconstruct(cloud, Small());
        using var _ = job;

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
    public void ABf16ProjectionReconstructsTheSphereAsWellAndRepeatsBitForBit()
    {
        // The projection's products in bf16, the sample network's in float32: the same bound as the float32 run above.
        var cloud = SurfaceSampler.SamplePointCloud(Sphere, 3000, seed: 1).Vertices;
        var request = Small() with { ProjectionPrecision = ProjectionPrecision.BFloat16 };
        var (outcome, job) = Reconstruct(cloud, request);
        job.Dispose();
        var error = ExactSurfaceError.Compute(outcome.Mesh, Sphere, samples: 5000);
        Assert.True(error.Accuracy.Mean < 0.012 && error.Completeness.Mean < 0.012,
            $"accuracy {error.Accuracy.Mean}, completeness {error.Completeness.Mean} (radius 2)");
        // Most zero-level samples reach bf16's tolerance.
        Assert.True(outcome.Training.Converged > 0.5, $"converged {outcome.Training.Converged}");
        var (again, job2) = Reconstruct(cloud, request with { Iterations = 20 });
        var (twice, job3) = Reconstruct(cloud, request with { Iterations = 20 });
        job2.Dispose();
        job3.Dispose();
        Assert.Equal(again.Mesh.Vertices, twice.Mesh.Vertices);
    }

    [Fact]
    public void ExplicitLevelSetsTrainToo()
    {
        var cloud = SurfaceSampler.SamplePointCloud(Sphere, 2000, seed: 2).Vertices;
        var (outcome, job) = Reconstruct(cloud, Small(150) with { Levels = LevelSchedule.Parse("0,±0.02") });
        using var _ = job;
        var error = ExactSurfaceError.Compute(outcome.Mesh, Sphere, samples: 3000);
        Assert.True(error.Sum < 0.045, $"exact surface error {error.Sum}");
    }

    [Fact]
    public void SameSeedGivesBitIdenticalMeshes()
    {
        var cloud = SurfaceSampler.SamplePointCloud(Sphere, 1000, seed: 3).Vertices;
        var (a, na) = Reconstruct(cloud, Small(20));
        var (b, nb) = Reconstruct(cloud, Small(20));
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
        var progress = new Stopper(cancel, atIteration: 5);
        var (outcome, job) = Reconstruct(cloud, Small(1000) with { Resolution = 24, Network = NetworkSpec.Parse("2x32,r=0.4"), Seed = 1 }, progress, cancel.Token);
        using var _ = job;
        Assert.True(outcome.Training.Stopped);
        Assert.Equal(5, outcome.Training.Iterations);
        Assert.True(outcome.Mesh.TriangleCount > 0);
    }

    [Fact]
    public void ModelFileKeepsTheNormalisationAndMeshesTheSame()
    {
        var cloud = SurfaceSampler.SamplePointCloud(Sphere, 1000, seed: 5).Vertices;
        // Unrefined: extraction meshes the network alone, the refinement moves a reconstruction's mesh onto its cloud.
        var (outcome, job) = Reconstruct(cloud, Small(10) with { Resolution = 24, Refinement = MeshRefinement.Off });
        using var _ = job;
        var path = Path.Combine(_dir, "m.nlnet");
        ReconstructionModel.Save(path, job.Network, outcome.Normalization, "cloud.ply", job.Settings.ToJson());

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
