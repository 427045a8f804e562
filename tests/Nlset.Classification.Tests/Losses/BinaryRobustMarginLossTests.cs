using Nlset.Classification.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Tests.Losses;

/// <summary>The binary robust margin loss (Eq. 12) on an affine classifier, whose projections and distances are known in closed form.</summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class BinaryRobustMarginLossTests
{
    // F(x) = w·x + b with w = (3, 4), ‖w‖ = 5, b = −1. x1 = (1, 1), y = +1: F = 6, correct, at L2 distance 6/5 = 1.2 from
    // S_0; the projection moves it by (6/25)·w = (0.72, 0.96), so ρ∞ = 0.96. x2 = (0, 0), y = +1: F = −1, misclassified,
    // at L2 distance 0.2; moved by (1/25)·w, ρ∞ = 0.16. With ε = 1: mean(relu(1 − 1.2), 1 + 0.2) = 0.6 (L2) and
    // mean(relu(1 − 0.96), 1 + 0.16) = 0.6 (L∞).
    static (Tensor W, Tensor B, Func<Tensor, Tensor> F) Affine()
    {
        var w = torch.tensor(new double[] { 3, 4 }).requires_grad_(true);
        var b = torch.tensor(-1.0, dtype: ScalarType.Float64).requires_grad_(true);
        return (w, b, p => p.matmul(w) + b);
    }

    static readonly double[,] Points = { { 1, 1 }, { 0, 0 } };

    [Theory]
    [InlineData(MarginNorm.L2, 0.6)]
    [InlineData(MarginNorm.LInfinity, 0.6)]
    public void AffineClassifierHasTheClosedFormLoss(MarginNorm norm, double expected)
    {
        var (_, _, f) = Affine();
        using var x = torch.tensor(Points);
        using var y = torch.tensor(new double[] { 1, 1 });
        using var loss = new BinaryRobustMarginLoss(1.0, norm).Compute(f, x, y);
        Assert.Equal(expected, loss.item<double>(), 6);
    }

    [Fact]
    public void MisclassifiedPointPullsTheBoundaryTowardsItself()
    {
        // Only x2 contributes a gradient (x1 is beyond ε = 1). Its term is ε + ρ with ρ = −F(x2)/‖w‖ (L2), so
        // ∂loss/∂b = ½ · (−1/‖w‖) = −0.1: raising b moves S_0 towards x2 (F(x2) → 0), as Eq. 12 intends.
        var (w, b, f) = Affine();
        using var x = torch.tensor(Points);
        using var y = torch.tensor(new double[] { 1, 1 });
        var loss = new BinaryRobustMarginLoss(1.0, MarginNorm.L2).Compute(f, x, y);
        var grads = torch.autograd.grad([loss], [w, b]);
        Assert.Equal(-0.1, grads[1].item<double>(), 6);
    }

    [Fact]
    public void CorrectPointsBeyondEpsilonCostNothingAndTheirWeightScalesTheRest()
    {
        var (_, _, f) = Affine();
        using var x = torch.tensor(new double[,] { { 1, 1 } });
        using var y = torch.tensor(new double[] { 1 });
        using var beyond = new BinaryRobustMarginLoss(1.0, MarginNorm.L2).Compute(f, x, y);
        Assert.Equal(0, beyond.item<double>(), 9);
        // ε = 2: relu(2 − 1.2) = 0.8, weighted by λ = 0.5 for a correct point.
        using var inside = new BinaryRobustMarginLoss(2.0, MarginNorm.L2, correctWeight: 0.5).Compute(f, x, y);
        Assert.Equal(0.4, inside.item<double>(), 6);
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BinaryRobustMarginLoss(0, MarginNorm.L2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BinaryRobustMarginLoss(1, MarginNorm.L2, correctWeight: -1));
        var (_, _, f) = Affine();
        using var x = torch.tensor(Points);
        using var y = torch.tensor(new double[] { 1, 1, 1 });
        Assert.Throws<ArgumentException>(() => new BinaryRobustMarginLoss(1, MarginNorm.L2).Compute(f, x, y));
    }
}
