using Nlset.Classification.Robust;
using Nlset.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Tests.Robust;

/// <summary>The pieces of Eq. 12 and TRADES on hand-checked cases.</summary>
public sealed class RobustPartsTests
{
    /// <summary>ρ uses the coordinate of the largest |∂F/∂x| (here a negative component), the L2 variant the whole difference.</summary>
    [Fact]
    public void RhoPicksTheCoordinateOfTheLargestGradient()
    {
        var x = torch.tensor(new[] { 0f, 0f, 0f, 1f, 1f, 1f }).view(2, 3);
        var p = torch.tensor(new[] { 0.1f, 0.2f, 0.3f, 0.5f, 0.9f, 1.0f }).view(2, 3);
        var gradient = torch.tensor(new[] { 1.0f, -3.0f, 2.0f, 0.1f, 0.2f, -0.05f }).view(2, 1, 3);
        var rho = RobustDistance.Coordinate.Between(x, p, gradient);
        Assert.Equal(new[] { 0.2f, 0.1f }, rho.data<float>().ToArray().Select(v => MathF.Round(v, 6)));
        var l2 = RobustDistance.Euclidean.Between(x, p, gradient);
        Assert.Equal(Math.Sqrt(0.14), l2[0].item<float>(), 5);
        Assert.Equal(Math.Sqrt(0.26), l2[1].item<float>(), 5);
    }

    /// <summary>The core's regula falsi on the class margin of a 1-D "network" with logits [0, x³ − 2]: the zero is 2^{1/3}.</summary>
    [Fact]
    public void RegulaFalsiFindsTheZeroOfAKnownOneDimensionalMargin()
    {
        Tensor Logits(Tensor p)
        {
            var v = p.reshape(p.shape[0]);
            return torch.stack([torch.zeros_like(v), v.pow(3) - 2], 1);
        }
        var labels = torch.tensor(new long[] { 1, 0 });
        var a = torch.tensor(new[] { 0.0, 2.0 }, dtype: ScalarType.Float64).view(2, 1);
        var b = torch.tensor(new[] { 2.0, 0.5 }, dtype: ScalarType.Float64).view(2, 1);
        using var zeros = new RegulaFalsi(tolerance: 1e-10, maxIterations: 60).Solve((p, rows) => ClassMargin.Of(Logits(p), labels.index_select(0, rows)), a, b);
        Assert.All(zeros.Points.data<double>().ToArray(), z => Assert.Equal(Math.Cbrt(2), z, 9));
        Assert.True(zeros.Converged.all().item<bool>());
    }

    [Fact]
    public void TradesKlIsZeroForEqualPredictionsAndMatchesTheHandValue()
    {
        var p = torch.tensor(new[] { 0.5, 0.5, 0.9, 0.1 }, dtype: ScalarType.Float64).view(2, 2);
        var q = torch.tensor(new[] { 0.5, 0.5, 0.5, 0.5 }, dtype: ScalarType.Float64).view(2, 2);
        var kl = TradesLoss.KlRows(p, q.log());
        Assert.Equal(0.0, kl[0].item<double>(), 12);
        Assert.Equal(0.9 * Math.Log(0.9 / 0.5) + 0.1 * Math.Log(0.1 / 0.5), kl[1].item<double>(), 12);
    }

    [Fact]
    public void MethodAndDistanceNamesParseAndBadOnesAreInputErrors()
    {
        Assert.Equal(RobustMethod.Ours, RobustMethodNames.Parse("ours"));
        Assert.Equal(RobustMethod.Trades, RobustMethodNames.Parse("TRADES"));
        Assert.Equal(RobustDistance.Euclidean, RobustDistances.Parse("l2"));
        Assert.Throws<Nlset.Geometry.InvalidInputException>(() => RobustMethodNames.Parse("fgsm"));
        Assert.Throws<Nlset.Geometry.InvalidInputException>(() => (RobustTrainingSettings.ForDataset(Nlset.Classification.Data.DatasetName.Mnist, RobustMethod.Ours) with { Epochs = 0 }).Validated());
    }

    /// <summary>The optimiser settings of the reference configurations (code/confs/adv/*.conf), per dataset and method.</summary>
    [Theory]
    [InlineData(Nlset.Classification.Data.DatasetName.Mnist, RobustMethod.Xent, 1e-3, 0.0)]
    [InlineData(Nlset.Classification.Data.DatasetName.Mnist, RobustMethod.Ours, 1e-3, 0.0)]
    [InlineData(Nlset.Classification.Data.DatasetName.Mnist, RobustMethod.Madry, 1e-4, 1e-6)]
    [InlineData(Nlset.Classification.Data.DatasetName.Mnist, RobustMethod.Trades, 1e-4, 0.0)]
    [InlineData(Nlset.Classification.Data.DatasetName.Cifar10, RobustMethod.Ours, 3e-4, 1e-6)]
    [InlineData(Nlset.Classification.Data.DatasetName.Cifar10, RobustMethod.Madry, 3e-4, 1e-6)]
    public void AdamSettingsFollowTheReferenceConfigurations(Nlset.Classification.Data.DatasetName dataset, RobustMethod method, double rate, double decay)
    {
        var settings = RobustTrainingSettings.ForDataset(dataset, method);
        Assert.Equal(rate, settings.LearningRate);
        Assert.Equal(decay, settings.WeightDecay);
        Assert.Equal(settings, RobustTrainingSettings.FromJson(settings.ToJson()));
        // Settings saved before the weight decay existed read as trained: without it.
        Assert.Equal(0.0, RobustTrainingSettings.FromJson(settings.ToJson().Replace("\"weightDecay\":", "\"unused\":")).WeightDecay);
        Assert.Throws<Nlset.Geometry.InvalidInputException>(() => (settings with { WeightDecay = -1 }).Validated());
    }
}
