using Nlset.Classification.Attacks;
using Nlset.Classification.Models;
using Nlset.Classification.Robust;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Tests.Attacks;

/// <summary>L∞ PGD: its constraints, the analytic worst case of a linear model, repeatability with a seed.</summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class ProjectedGradientDescentTests
{
    /// <summary>On ConvNet-4a with images at 0 and 1 (where the box is cut by the image range), every point stays within ε of x and in [0, 1].</summary>
    [Theory]
    [InlineData(AttackLoss.CrossEntropy)]
    [InlineData(AttackLoss.Margin)]
    public void NeverLeavesTheBallOrTheImageRange(AttackLoss loss)
    {
        Nlset.Core.Seeding.Apply(5);
        using var model = new ConvNet4a();
        model.eval();
        using var generator = new Generator(9);
        var x = torch.rand(6, 1, 28, 28, generator: generator);
        x[0] = torch.zeros(1, 28, 28);
        x[1] = torch.ones(1, 28, 28);
        var labels = torch.tensor(new long[] { 0, 1, 2, 3, 4, 5 });
        var adversarial = ProjectedGradientDescent.Attack(model.call, x, labels, new PgdSettings(0.3, 7, 0.1, loss), generator);
        Assert.True((adversarial - x).abs().max().item<float>() <= 0.3f + 1e-6f);
        Assert.True(adversarial.min().item<float>() >= 0f);
        Assert.True(adversarial.max().item<float>() <= 1f);
        Assert.True((adversarial - x).abs().max().item<float>() > 0.29f, "the attack did not move to the edge of the ball anywhere");
    }

    /// <summary>
    /// Logits [0, w·x + b]: for label 1 both losses are decreasing in w·x, so the worst case in the ε-box is
    /// x − ε·sign(w) exactly (x is far enough from 0 and 1 that the image range does not cut the box).
    /// </summary>
    [Theory]
    [InlineData(AttackLoss.CrossEntropy)]
    [InlineData(AttackLoss.Margin)]
    public void FindsTheAnalyticWorstCaseOfALinearModel(AttackLoss loss)
    {
        var w = torch.tensor(new[] { 0.5, -2.0, 1.0, -0.1 }, dtype: ScalarType.Float64);
        Tensor Logits(Tensor p)
        {
            var score = p.reshape(p.shape[0], 4).matmul(w) + 0.3;
            return torch.stack([torch.zeros_like(score), score], 1);
        }
        var x = torch.tensor(new[] { 0.5, 0.4, 0.6, 0.5, 0.3, 0.7, 0.5, 0.5 }, dtype: ScalarType.Float64).view(2, 4);
        var labels = torch.tensor(new long[] { 1, 1 });
        using var generator = new Generator(3);
        var adversarial = ProjectedGradientDescent.Attack(Logits, x, labels, new PgdSettings(0.2, 30, 0.05, loss), generator);
        var expected = x - 0.2 * w.sign();
        Assert.True(torch.allclose(adversarial, expected, rtol: 0, atol: 1e-12));
    }

    [Fact]
    public void SameSeedSameAttackOtherSeedOtherStart()
    {
        Nlset.Core.Seeding.Apply(1);
        using var model = new ConvNet4a();
        model.eval();
        var x = torch.full(2, 1, 28, 28, 0.5f);
        var labels = torch.tensor(new long[] { 3, 7 });
        var settings = new PgdSettings(0.3, 2, 0.01);
        Tensor Run(ulong seed)
        {
            using var g = new Generator(seed);
            return ProjectedGradientDescent.Attack(model.call, x, labels, settings, g);
        }
        Assert.True(Run(4).eq(Run(4)).all().item<bool>());
        Assert.False(Run(4).eq(Run(5)).all().item<bool>());
    }

    [Fact]
    public void MarginObjectiveIsTheNegatedClassMargin()
    {
        var logits = torch.tensor(new[] { 1.0f, 3.0f, 2.0f, 0.5f, -1.0f, 0.2f }).view(2, 3);
        var labels = torch.tensor(new long[] { 1, 0 });
        Assert.Equal(new[] { 1.0f, 0.3f }, ClassMargin.Of(logits, labels).data<float>().ToArray(), new FloatTolerance(1e-6f));
        var objective = ProjectedGradientDescent.Objective(p => p, labels, AttackLoss.Margin);
        Assert.Equal(new[] { -1.0f, -0.3f }, objective(logits).data<float>().ToArray(), new FloatTolerance(1e-6f));
    }

    sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(float value) => 0;
    }
}
