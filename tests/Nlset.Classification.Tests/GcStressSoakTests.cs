using Nlset.Classification.Demo2d;
using Nlset.Classification.Losses;
using Nlset.Classification.Models;
using Nlset.Classification.Robust;
using Nlset.Classification.Training;
using Nlset.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Tests;

/// <summary>
/// Issue 13: the Adam step of <c>demo-2d</c> failed in CI with "Expected false to be true" — a TorchSharp Scalar freed
/// by the finalizer while libtorch read it. Under <see cref="GcStress"/> such a fault shows within milliseconds; every
/// classification training loop (margin, robust with each method, the 2-D demo) must run through it.
/// </summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class GcStressSoakTests
{
    [Theory]
    [InlineData("geometric-svm")]
    [InlineData("bce")]
    [InlineData("hinge")]
    public void MarginTrainingSurvivesCollectionsDuringEveryStep(string lossName)
    {
        var data = Nlset.Classification.Tests.Training.MarginExperimentTests.Blocks(64, 1);
        var (images, _) = data.Train.ToTensors();
        using var imagesOwned = images;
        using var signs = Nlset.Classification.Data.BinaryClasses.LowAgainstHigh.SignsOf(data.Train);
        Nlset.Core.Seeding.Apply(2);
        using var model = new SmallMlp(ClassifierSpec.Parse("mlp,in=1x8x8,hidden=16"));
        IMarginLoss loss = lossName switch
        {
            "geometric-svm" => new GeometricSvmLoss(),
            "bce" => new BinaryCrossEntropyLoss(),
            _ => new OutputHingeLoss(),
        };
        using var stress = new GcStress();
        var result = MarginTrainer.Train(model, images, signs, loss,
            new MarginTrainingSettings { Epochs = lossName == "geometric-svm" ? 100 : 1000, BatchSize = 16, LearningRate = 0.01, Device = "cpu" });
        Assert.True(double.IsFinite(result.FinalLoss));
        // The output losses are cheap: 4,000 steps take about a second.
        Assert.True(stress.Collections > 20, $"only {stress.Collections} collections ran");
    }

    [Theory]
    [InlineData(RobustMethod.Xent)]
    [InlineData(RobustMethod.Madry)]
    [InlineData(RobustMethod.Trades)]
    [InlineData(RobustMethod.Ours)]
    public void RobustTrainingSurvivesCollectionsDuringEveryStep(RobustMethod method)
    {
        using var g = new Generator(5);
        var images = torch.rand(48, 1, 28, 28, generator: g);
        var labels = torch.randint(0, 10, [48], generator: g);
        Nlset.Core.Seeding.Apply(0);
        using var model = new ConvNet4a();
        var settings = RobustTrainingSettings.ForDataset(Nlset.Classification.Data.DatasetName.Mnist, method) with
        {
            Epochs = 2, BatchSize = 8, ValidationCount = 8, ValidationSteps = 2,
            TrainingAttack = new(0.3, 3, 0.1),
            LevelSet = new LevelSetRobustSettings { SearchSteps = 3, StepSize = 0.2 },
        };
        using var stress = new GcStress();
        using var trainer = new RobustTrainer(model, settings, images, labels, (images[..8], labels[..8]));
        Assert.True(trainer.Train());
        Assert.All(trainer.History, r => Assert.True(double.IsFinite(r.Loss)));
        Assert.True(stress.Collections > 20, $"only {stress.Collections} collections ran");
    }

    [Fact]
    public void TheTwoDimensionalDemoSurvivesCollectionsDuringEveryStep()
    {
        using var stress = new GcStress();
        var result = Demo2dTrainer.Train(new Demo2dSettings { Loss = ToyLoss.GeometricSvm, Points = 24, Epochs = 400, LearningRate = 1e-2 }, gridColumns: 20);
        Assert.Equal(1.0, result.TrainAccuracy);
        Assert.True(stress.Collections > 50, $"only {stress.Collections} collections ran");
    }
}
