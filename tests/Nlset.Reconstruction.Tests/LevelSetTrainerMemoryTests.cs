using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;
using TorchSharp;

namespace Nlset.Reconstruction.Tests;

/// <summary>
/// The surface trainer's loop (sampling, projection, sample network, loss, backward, Adam, weight average, free-space
/// term) keeps memory flat, as Core's MemoryTests require of the projection loop: the live tensors on the training
/// thread do not change from step 10 to the step before the weight average starts, nor from five steps after it starts
/// (it then holds one copy of each parameter) to the last. Counted with TorchSharp's per-thread
/// <c>DisposeScopeManager.Statistics.ThreadTotalLiveCount</c> from the progress callback, which runs on the training thread.
/// Written for issue 17, it found the weight average leaking one tensor handle per parameter per step.
/// </summary>
[Collection(SeededTrainingCollection.Name)]
public sealed class LevelSetTrainerMemoryTests
{
    const int Iterations = 200, Settled = 10;

    [Theory]
    [InlineData("continuous", 1)]
    [InlineData("0,0.02,-0.02", 1)]
    [InlineData("0", 2)]
    public void LiveTensorsStayFlatOverTheTrainingSteps(string levels, int outputs)
    {
        var points = SurfaceSampler.SamplePointCloud(Icosphere.Create(3), 800, seed: 3).Vertices;
        var unitBox = Normalization.FitUnitBox(points);
        var cloud = points.Select(unitBox.Apply).ToArray();
        var settings = new ReconstructionSettings
        {
            Network = NetworkSpec.Parse($"2x32,r=0.4,out={outputs}"),
            Iterations = Iterations,
            BatchSize = 128,
            Levels = LevelSchedule.Parse(levels),
            Seed = 4,
        };
        Seeding.Apply(settings.Seed);
        using var network = new ImplicitNetwork(settings.Network);
        // Step k reports after the average has folded in step k's weights when k/Iterations >= AverageFrom.
        int averageStarts = (int)Math.Ceiling(settings.AverageFrom * Iterations);
        Assert.InRange(averageStarts, Settled + 10, Iterations - 20);
        var live = new Dictionary<int, long>();
        var progress = new Recorder(p => live[p.Iteration] = DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        var result = new LevelSetTrainer(settings).Train(cloud, network, progress);
        Assert.Equal(Iterations, result.Iterations);
        Assert.Equal(live[Settled], live[averageStarts - 1]);
        Assert.Equal(live[averageStarts + 5], live[Iterations]);
    }

    sealed class Recorder(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
