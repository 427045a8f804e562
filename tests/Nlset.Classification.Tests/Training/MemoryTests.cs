using Nlset.Classification.Losses;
using Nlset.Classification.Models;
using Nlset.Classification.Training;
using TorchSharp;

namespace Nlset.Classification.Tests.Training;

/// <summary>
/// Training with the geometric SVM loss (three projections, two sample networks, backward, Adam, per-epoch shuffling)
/// leaves no tensor behind: the live count on this thread (TorchSharp's per-thread statistics, see Nlset.Core.Tests
/// MemoryTests) is the same after a second and a third training of 100 steps as after the first.
/// </summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class MemoryTests
{
    static long LiveTensors => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

    [Fact]
    public void LiveTensorsStayFlatAcrossTrainings()
    {
        var data = MarginExperimentTests.Blocks(64, 1);
        var (images, _) = data.Train.ToTensors();
        using var imagesOwned = images;
        using var signs = Nlset.Classification.Data.BinaryClasses.LowAgainstHigh.SignsOf(data.Train);
        using var model = new SmallMlp(ClassifierSpec.Parse("mlp,in=1x8x8,hidden=16"));
        var settings = new MarginTrainingSettings { Epochs = 25, BatchSize = 16, LearningRate = 0.01, Device = "cpu" };
        var counts = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var result = MarginTrainer.Train(model, images, signs, new GeometricSvmLoss(), settings);
            Assert.Equal(100, result.Steps);
            counts.Add(LiveTensors);
        }
        Assert.Equal(counts[1], counts[2]);
        Assert.Equal(counts[0], counts[1]);
    }
}
