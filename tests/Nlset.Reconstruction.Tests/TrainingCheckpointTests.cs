using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;
using TorchSharp;

namespace Nlset.Reconstruction.Tests;

/// <summary>Issue 13: checkpoints of an unfinished training, and continuing one exactly.</summary>
[Collection(SeededTrainingCollection.Name)]
public sealed class TrainingCheckpointTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nlset-state-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static readonly Vector3d[] Cloud = SurfaceSampler.SamplePointCloud(Icosphere.Create(3, radius: 0.4), 1200, seed: 2).Vertices;

    static readonly ReconstructionSettings Settings = new()
    {
        Network = NetworkSpec.Parse("2x32,fourier=2"), Iterations = 50, BatchSize = 128, Seed = 8, AverageFrom = 0.4,
    };

    sealed class FailAt(int step) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Iteration == step) throw new IOException("injected");
        }
    }

    static ImplicitNetwork NewNetwork()
    {
        Seeding.Apply(Settings.Seed);
        return new ImplicitNetwork(Settings.Network);
    }

    static bool SameWeights(ImplicitNetwork a, ImplicitNetwork b) =>
        a.parameters().Zip(b.parameters()).All(p => p.First.eq(p.Second).all().item<bool>());

    [Theory]
    [InlineData(10)]   // before the weight average starts
    [InlineData(35)]   // after
    public void AFailureLeavesAStateThatContinuesToTheSameWeights(int failAt)
    {
        using var whole = NewNetwork();
        new LevelSetTrainer(Settings).Train(Cloud, whole);

        var path = Path.Combine(_dir, "run.nlnet");
        using var failing = NewNetwork();
        var checkpoints = new TrainingCheckpoints(path, Normalization.Identity, "sphere", Settings.ToJson()) { Interval = TimeSpan.FromHours(1) };
        var e = Assert.Throws<TrainingFailedException>(() => new LevelSetTrainer(Settings).Train(Cloud, failing, new FailAt(failAt), default, checkpoints));
        Assert.Equal(failAt, e.SavedAt);
        Assert.Equal(path, e.CheckpointPath);
        Assert.IsType<IOException>(e.InnerException);

        var saved = ReconstructionModel.Load(path);
        using var network = saved.Network;
        using var state = TrainingState.Read(saved.TrainingState!, path);
        Assert.Equal(failAt, state.Iteration);
        Assert.Equal(Settings.ToJson().ToJsonString(), saved.Settings!.ToJsonString());
        var result = new LevelSetTrainer(Settings).Train(Cloud, network, resume: state);
        Assert.Equal(50, result.Iterations);
        Assert.True(SameWeights(whole, network), "the continued run's weights differ from the uninterrupted run's");
    }

    [Fact]
    public void PeriodicCheckpointsAreWrittenAsTheRunGoes()
    {
        var path = Path.Combine(_dir, "periodic.nlnet");
        using var network = NewNetwork();
        var checkpoints = new TrainingCheckpoints(path, Normalization.Identity, null, Settings.ToJson()) { Interval = TimeSpan.Zero };
        int seen = 0;
        var watch = new SynchronousProgress(p =>
        {
            // Written after the report of a step: the file holds the previous one.
            if (p.Iteration > 1) Assert.Equal(p.Iteration - 1, checkpoints.SavedAt);
            seen++;
        });
        new LevelSetTrainer(Settings with { Iterations = 12 }).Train(Cloud, network, watch, default, checkpoints);
        Assert.Equal(12, seen);
        Assert.Equal(12, checkpoints.SavedAt);
        var saved = ReconstructionModel.Load(path);
        saved.Network.Dispose();
        using var state = TrainingState.Read(saved.TrainingState!, path);
        Assert.Equal(12, state.Iteration);
        Assert.False(File.Exists(path + ".partial"));
    }

    sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }

    [Fact]
    public void SettingsRoundTripThroughJson()
    {
        var s = new ReconstructionSettings
        {
            Network = NetworkSpec.Parse("3x64,fourier=4,r=0.7"), Iterations = 123, TimeBudget = TimeSpan.FromSeconds(90), BatchSize = 77,
            Lambda = 2.5, LearningRate = 3e-4, Levels = LevelSchedule.Parse("0,±0.01"), NewtonIterations = 2, ZeroLevelSigma = 0.05,
            UniformFraction = 0.1, LevelSigmas = [0.01, 0.2], AverageFrom = 0.6, AverageDecay = 0.99, FreeSpaceWeight = 0.5,
            DenoiseNeighbours = 12, Resolution = 128, MinComponentArea = 0.02, MinSupportedShare = 0.3, Seed = 9, Device = "cpu",
        };
        var back = ReconstructionSettingsJson.FromJson(s.ToJson());
        Assert.Equal(s.ToJson().ToJsonString(), back.ToJson().ToJsonString());
        Assert.Equal(s.Levels.ToString(), back.Levels.ToString());
        Assert.Null(ReconstructionSettingsJson.FromJson(new ReconstructionSettings().ToJson()).DenoiseNeighbours);
    }

    [Fact]
    public void ADamagedTrainingStateIsRefusedNamingTheFile()
    {
        var path = Path.Combine(_dir, "damaged.nlnet");
        using var network = NewNetwork();
        var checkpoints = new TrainingCheckpoints(path, Normalization.Identity, null, Settings.ToJson()) { Interval = TimeSpan.Zero };
        new LevelSetTrainer(Settings with { Iterations = 2 }).Train(Cloud, network, null, default, checkpoints);
        var state = ReconstructionModel.Load(path).TrainingState!;
        var e = Assert.Throws<ModelFileException>(() => TrainingState.Read(state[..^7], path));
        Assert.Contains(path, e.Message);
        // Truncating the file itself is caught by the model reader.
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^5]);
        Assert.Throws<ModelFileException>(() => ReconstructionModel.Load(path));
    }
}
