using Nlset.Classification.Losses;
using Nlset.Classification.Models;
using Nlset.Classification.Training;
using Nlset.Core;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Nlset.Classification.Tests.Losses;

/// <summary>
/// The paper's Figure 1d in numbers: on two Gaussian blobs in the plane, the geometric SVM loss leaves a wider
/// input-space margin (the L∞ distance, the loss's own, from the nearest training point to the decision boundary)
/// than cross-entropy, from the same start with the same optimiser and steps.
/// </summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class TwoBlobMarginTests(ITestOutputHelper output)
{
    const int PerClass = 30;

    /// <summary>Blobs of σ = 0.25 around (∓1.5, ±0.3): separable with a wide gap, so where the boundary sits in it is up to the loss.</summary>
    static (Tensor Points, Tensor Signs) Blobs(int seed)
    {
        var generator = new Generator((ulong)seed);
        var noise = torch.randn(2 * PerClass, 2, generator: generator) * 0.25f;
        var centres = torch.cat([torch.tensor(new[] { -1.5f, 0.3f }).expand(PerClass, 2), torch.tensor(new[] { 1.5f, -0.3f }).expand(PerClass, 2)]);
        var signs = torch.cat([torch.full(PerClass, -1f), torch.full(PerClass, 1f)]);
        return ((centres + noise).view(2 * PerClass, 1, 1, 2), signs);
    }

    /// <summary>
    /// L∞ distance from the nearest point to the zero set of F in [−3, 3]², from F on a 601² grid: zeros on grid edges
    /// by linear interpolation, then the nearest of them (exact up to the grid's 0.01 spacing).
    /// </summary>
    static double MinimumDistanceToBoundary(nn.Module<Tensor, Tensor> model, Tensor points)
    {
        const int k = 601;
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var axis = torch.linspace(-3, 3, k);
        var grid = torch.stack(torch.meshgrid([axis, axis], indexing: "ij"), -1);           // [k, k, 2]
        var f = model.call(grid.view(k * k, 1, 1, 2)).view(k, k);
        var zeros = new List<Tensor>();
        foreach (var dim in new[] { 0, 1 })
        {
            var f0 = f.narrow(dim, 0, k - 1);
            var f1 = f.narrow(dim, 1, k - 1);
            var crossing = (f0 * f1) <= 0;
            var t = (f0 / (f0 - f1)).nan_to_num().unsqueeze(-1);
            var p0 = grid.narrow(dim, 0, k - 1);
            zeros.Add((p0 + t * (grid.narrow(dim, 1, k - 1) - p0))[crossing]);
        }
        var boundary = torch.cat(zeros.ToArray());
        Assert.True(boundary.shape[0] > 0, "no decision boundary in the box");
        return (points.view(-1, 1, 2) - boundary.unsqueeze(0)).abs().amax(-1).min().item<float>();
    }

    static double Margin(MarginLossKind kind, int seed)
    {
        var (points, signs) = Blobs(seed);
        Seeding.Apply(seed);
        using var model = new SmallMlp(new ClassifierSpec(ClassifierKind.Mlp, 1, 1, 2, [32, 32]));
        var settings = new MarginTrainingSettings { Loss = kind, Lambda = 0.1, Epochs = 300, LearningRate = 0.01, Device = "cpu" };
        MarginTrainer.Train(model, points, signs, settings.CreateLoss(), settings);
        Assert.Equal(1.0, BinaryAccuracy.Of(model, points, signs));
        return MinimumDistanceToBoundary(model, points);
    }

    [Fact]
    public void GeometricSvmLeavesAWiderInputSpaceMarginThanCrossEntropy()
    {
        // Measured (docs/margin.md): the geometric margin is wider on 7 of these 8 seeds, by 9 % on average (in L2,
        // which the loss does not use, it is not). The thresholds leave room for float noise, not for a reversal.
        int[] seeds = [1, 2, 3, 4, 5, 6, 7, 8];
        var xent = seeds.Select(s => Margin(MarginLossKind.CrossEntropy, s)).ToArray();
        var geometric = seeds.Select(s => Margin(MarginLossKind.GeometricSvm, s)).ToArray();
        for (var i = 0; i < seeds.Length; i++) output.WriteLine($"seed {seeds[i]}: cross-entropy {xent[i]:F3}, geometric SVM {geometric[i]:F3}");
        var wins = xent.Zip(geometric).Count(p => p.Second > p.First);
        Assert.True(wins >= 6, $"the geometric margin was wider on only {wins} of {seeds.Length} seeds");
        Assert.True(geometric.Average() > 1.05 * xent.Average(), $"mean margin {geometric.Average():F3} (geometric) vs {xent.Average():F3} (cross-entropy)");
    }
}
