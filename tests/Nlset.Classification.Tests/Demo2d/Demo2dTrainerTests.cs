using Nlset.Classification.Demo2d;
using Nlset.Geometry;

namespace Nlset.Classification.Tests.Demo2d;

/// <summary>The Figure-1 demo: the toy set's promises, and every loss separating it.</summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class Demo2dTrainerTests
{
    [Fact]
    public void ToyClassesAreSeparatedByTheStatedGap()
    {
        var data = ToyDataset.Moons(400, seed: 3);
        Assert.Equal(200, data.Labels.Count(l => l == 1));
        double closest = double.PositiveInfinity;
        for (int i = 0; i < data.Count; i++)
            for (int j = 0; j < data.Count; j++)
                if (data.Labels[i] == 1 && data.Labels[j] == -1)
                    closest = Math.Min(closest, Math.Sqrt(Math.Pow(data.X[i] - data.X[j], 2) + Math.Pow(data.Y[i] - data.Y[j], 2)));
        Assert.True(closest >= ToyDataset.MinimumGap, $"classes {closest:F3} apart");
        Assert.All(data.X, x => Assert.InRange(x, -1.1, 1.1));
        Assert.All(data.Y, y => Assert.InRange(y, -0.6, 0.6));
        // Same seed, same points.
        Assert.Equal(data.X, ToyDataset.Moons(400, seed: 3).X);
        Assert.Throws<InvalidInputException>(() => ToyDataset.Moons(2, 0));
    }

    [Theory]
    [InlineData(ToyLoss.CrossEntropy)]
    [InlineData(ToyLoss.LInfinityMargin)]
    [InlineData(ToyLoss.L2Margin)]
    [InlineData(ToyLoss.GeometricSvm)]
    public void EveryLossSeparatesTheTrainingPoints(ToyLoss loss)
    {
        var result = Demo2dTrainer.Train(new Demo2dSettings { Loss = loss, Points = 24, Epochs = 400, LearningRate = 1e-2 }, gridColumns: 40);
        // The boundary separates: F has each point's sign, checked on the network's own values at the points.
        for (int i = 0; i < result.Data.Count; i++)
            Assert.True(result.Data.Labels[i] * result.FieldAtPoints[i] > 0, $"{loss}: point {i} (label {result.Data.Labels[i]}) has F = {result.FieldAtPoints[i]:G4}");
        Assert.Equal(1.0, result.TrainAccuracy);
        Assert.Equal(40 * result.Rows, result.Field.Length);
        // Both signs occur on the grid: there is a boundary in the picture's window.
        Assert.Contains(result.Field, v => v > 0);
        Assert.Contains(result.Field, v => v < 0);
    }

    [Fact]
    public void LossNamesParseAndBadOnesAreRefused()
    {
        Assert.Equal(ToyLoss.LInfinityMargin, ToyLosses.Parse("LINF-margin"));
        Assert.Equal('d', ToyLoss.GeometricSvm.Panel());
        Assert.Throws<InvalidInputException>(() => ToyLosses.Parse("hinge"));
        Assert.Throws<InvalidInputException>(() => new Demo2dSettings { Epochs = 0 }.Validated());
    }
}
