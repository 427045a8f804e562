using Nlset.Classification.Robust;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Tests.Robust;

/// <summary>Eq. 12 on fields where the boundary sample, ρ and the loss are known by hand, and its effect on a toy problem.</summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class LevelSetRobustLossTests
{
    // Two classes in the plane: logits [0, w·x + b] with w = (2, 1), b = −1, so F^1 = w·x + b and F^0 = −F^1.
    static readonly Tensor W = torch.tensor(new[] { 2.0, 1.0 }, dtype: ScalarType.Float64);

    static Func<Tensor, Tensor> Linear(Tensor w, Tensor b) => p =>
    {
        var score = p.reshape(p.shape[0], 2).matmul(w) + b;
        return torch.stack([torch.zeros_like(score), score], 1);
    };

    // Searches long enough to reach the corner of the box: the ε-box search on a linear field ends at x − ε·sign(∇F).
    static readonly LevelSetRobustSettings Settings = new()
    {
        EpsCorrect = 0.5, EpsCorrectStart = 0.5, EpsWrong = 0.5, SearchSteps = 60, StepSize = 0.02, SearchBaseEpsilon = 0.5,
    };

    /// <summary>
    /// x = (0.9, 0.5): F^1(x) = 1.3. Searching the 0.5-box ends at the corner (0.4, 0.0) where F^1 = −0.2; the zero on the
    /// segment is at t = 1.3/1.5, p = (0.4667, 0.0667); |∂F/∂x| is largest on axis 0 (w = (2, 1)), so ρ = |0.9 − 0.4667| = 0.4333.
    /// Label 1 (correct): max(0, 0.5 − ρ) = 0.0667; label 0 (wrong): max(0, 0.5 + ρ) = 0.9333; their mean is 0.5.
    /// ∂/∂b for the correct one alone: p_0(θ) moves by −(2/5)·δF, so ρ grows by 0.4·δb and the loss falls by 0.4·δb.
    /// </summary>
    [Fact]
    public void LinearFieldGivesTheHandComputedLossAndGradient()
    {
        var b = torch.tensor(-1.0, dtype: ScalarType.Float64).requires_grad_(true);
        var x = torch.tensor(new[] { 0.9, 0.5, 0.9, 0.5 }, dtype: ScalarType.Float64).view(2, 1, 1, 2);
        var labels = torch.tensor(new long[] { 1, 0 });
        var loss = new LevelSetRobustLoss(Settings);
        Seeding(1);
        var f = Linear(W, b);
        using var both = loss.Compute(f, f, x, labels, 0.5, 0.5);
        Assert.Equal(0.5, both.Loss.item<double>(), 6);
        Assert.Equal(2, both.BoundarySamples);
        Assert.Equal(new[] { true, false }, both.CleanCorrect.data<bool>().ToArray());

        using var correctOnly = loss.Compute(f, f, x.narrow(0, 0, 1), labels.narrow(0, 0, 1), 0.5, 0.5);
        Assert.Equal(0.5 - 1.3 / 3, correctOnly.Loss.item<double>(), 6);
        var gradient = torch.autograd.grad([correctOnly.Loss], [b])[0];
        Assert.Equal(-0.4, gradient.item<double>(), 6);
    }

    /// <summary>With the L2 distance: ρ becomes ‖x − p‖₂ = (1.3/1.5)·0.5·√2 = 0.6128 and the correct example's hinge is inactive.</summary>
    [Fact]
    public void EuclideanDistanceMeasuresTheWholeStep()
    {
        var b = torch.tensor(-1.0, dtype: ScalarType.Float64);
        var x = torch.tensor(new[] { 0.9, 0.5 }, dtype: ScalarType.Float64).view(1, 2);
        var labels = torch.tensor(new long[] { 0 });
        var loss = new LevelSetRobustLoss(Settings with { Distance = RobustDistance.Euclidean });
        Seeding(2);
        var f = Linear(W, b);
        using var step = loss.Compute(f, f, x, labels, 0.5, 0.5);
        Assert.Equal(0.5 + 1.3 / 1.5 * 0.5 * Math.Sqrt(2), step.Loss.item<double>(), 6);
    }

    /// <summary>An example whose ε-box holds no boundary contributes nothing (reference code), and the loss has no graph.</summary>
    [Fact]
    public void ExampleWithoutBoundaryInItsBoxContributesNothing()
    {
        var b = torch.tensor(-1.0, dtype: ScalarType.Float64).requires_grad_(true);
        var x = torch.tensor(new[] { 1.0, 1.0 }, dtype: ScalarType.Float64).view(1, 2);     // F^1 = 2; the box corner (0.5, 0.5) has F^1 = 0.5
        var f = Linear(W, b);
        Seeding(3);
        using var step = new LevelSetRobustLoss(Settings).Compute(f, f, x, torch.tensor(new long[] { 1 }), 0.5, 0.5);
        Assert.Equal(0.0, step.Loss.item<double>());
        Assert.Equal(0, step.BoundarySamples);
        Assert.False(step.Loss.requires_grad);
    }

    /// <summary>
    /// A wrong example (label 0, F^0(x) = −1.3) whose 0.2-box holds no boundary: the search ends at (0.7, 0.3) with F^0 = −0.7.
    /// By default it contributes nothing; with the Newton fallback the projection of that point onto S^0 is
    /// (0.7, 0.3) − (2, 1)·0.7/5 = (0.42, 0.16), ρ = |0.9 − 0.42| = 0.48 and the term is ε_wrong + ρ = 0.68.
    /// </summary>
    [Fact]
    public void NewtonFallbackGivesStrandedWrongExamplesASample()
    {
        var b = torch.tensor(-1.0, dtype: ScalarType.Float64).requires_grad_(true);
        var x = torch.tensor(new[] { 0.9, 0.5 }, dtype: ScalarType.Float64).view(1, 2);
        var labels = torch.tensor(new long[] { 0 });
        var f = Linear(W, b);
        var settings = Settings with { EpsWrong = 0.2, WrongWithoutBoundary = WrongWithoutBoundary.Nothing };
        Seeding(4);
        using (var dropped = new LevelSetRobustLoss(settings).Compute(f, f, x, labels, 0.5, 0.2))
            Assert.Equal(0.0, dropped.Loss.item<double>());
        Seeding(4);
        using var pulled = new LevelSetRobustLoss(settings with { WrongWithoutBoundary = WrongWithoutBoundary.NewtonProjection }).Compute(f, f, x, labels, 0.5, 0.2);
        Assert.Equal(0.68, pulled.Loss.item<double>(), 6);
        Assert.Equal(1, pulled.BoundarySamples);
        Assert.True(pulled.Loss.requires_grad);
    }

    [Fact]
    public void EpsilonRampIsTheReferenceLinspace()
    {
        var s = LevelSetRobustSettings.Cifar10;
        Assert.Equal((0.001, 0.05), s.EpsilonsAt(0));
        Assert.Equal(0.001 + 0.044 * 10 / 49, s.EpsilonsAt(10).Correct, 12);
        Assert.Equal((0.045, 0.05), s.EpsilonsAt(49));
        Assert.Equal((0.045, 0.05), s.EpsilonsAt(300));
        Assert.Equal((0.4, 0.5), new LevelSetRobustSettings().EpsilonsAt(0));
    }

    static void Seeding(int seed) => Nlset.Core.Seeding.Apply(seed);
}
