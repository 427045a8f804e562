using Nlset.Classification.Losses;
using Nlset.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Tests.Losses;

/// <summary>The geometric SVM loss (Eq. 11) against the classic soft SVM (Eq. 10), and its parts on hand-made fields.</summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class GeometricSvmLossTests
{
    /// <summary>
    /// Paper §3.1: "in the case where F is affine, α = −2 and d = L2, Equation 11 reduces back to the regular SVM loss,
    /// Equation 10": mean max(0, 1 − y(wᵀx + b)) + λ‖w‖². Values and gradients with respect to w and b, in float64.
    /// </summary>
    [Fact]
    public void AffineFieldWithAlphaMinusTwoAndL2IsTheClassicSoftSvm()
    {
        var generator = new Generator(11);
        const int n = 40, d = 6;
        const double lambda = 0.3;
        var x = torch.randn(n, d, dtype: ScalarType.Float64, generator: generator) * 2;
        var w = (torch.randn(d, dtype: ScalarType.Float64, generator: generator) * 0.7).requires_grad_(true);
        var b = torch.tensor(0.2, dtype: ScalarType.Float64).requires_grad_(true);
        // Labels from a different plane, so some examples are misclassified, some inside the margin, some outside.
        var y = (x[.., 0] + 0.5 * x[.., 1] - 0.3).sign();
        Tensor F(Tensor p) => p.matmul(w) + b;

        var geometric = new GeometricSvmLoss(lambda, alpha: -2, norm: MarginNorm.L2).Terms(F, x, y);
        var geometricGrads = torch.autograd.grad([geometric.Total], [w, b]);

        using var noGrad = torch.no_grad();
        var margins = y * F(x);
        var kinds = new[] { (margins < 0).sum().item<long>(), ((margins >= 0) & (margins < 1)).sum().item<long>(), (margins >= 1).sum().item<long>() };
        Assert.All(kinds, k => Assert.True(k > 0, $"the data should have each kind of example, got {string.Join(", ", kinds)}"));

        using var withGrad = torch.enable_grad();
        var classic = nn.functional.relu(1 - y * F(x)).mean() + lambda * w.square().sum();
        var classicGrads = torch.autograd.grad([classic], [w, b]);

        Assert.Equal(classic.item<double>(), geometric.Total.item<double>(), 10);
        Assert.True(torch.allclose(geometricGrads[0], classicGrads[0], rtol: 1e-9, atol: 1e-11), $"∂/∂w {geometricGrads[0].str()} vs {classicGrads[0].str()}");
        Assert.Equal(classicGrads[1].item<double>(), geometricGrads[1].item<double>(), 10);
        // The parts: Δ = 1/‖w‖ for every example, d(x, p0) = |F(x)|/‖w‖.
        var norm = w.norm().item<double>();
        Assert.True(torch.allclose(geometric.Delta, torch.full(n, 1 / norm, dtype: ScalarType.Float64), rtol: 1e-10));
        Assert.True(torch.allclose(geometric.Distance, F(x).abs() / norm, rtol: 1e-10, atol: 1e-12));
        Assert.Equal(1.0, geometric.Converged);
    }

    [Fact]
    public void LInfinityDistancesOfAPlaneAreItsL1DualNorm()
    {
        // F = wᵀx + b. Newton moves along w, so d∞(x, p0) = |F| ‖w‖∞/‖w‖², Δ∞ = ‖w‖∞/‖w‖²: the hinge ratio is |F| again,
        // and the margin term with α = −1 is ‖w‖²/‖w‖∞.
        var w = torch.tensor(new[] { 3.0, -1.0, 0.5 }, dtype: ScalarType.Float64);
        var x = torch.tensor(new[,] { { 1.0, 0.0, 0.0 }, { -0.2, 0.4, 1.0 } }, dtype: ScalarType.Float64);
        var y = torch.tensor(new[] { 1.0, 1.0 }, dtype: ScalarType.Float64);
        Tensor F(Tensor p) => p.matmul(w) - 0.1;
        var terms = new GeometricSvmLoss(lambda: 2).Terms(F, x, y);
        var f = F(x).data<double>().ToArray();                       // 2.9, −1.1
        double normSq = 9 + 1 + 0.25, inf = 3;
        Assert.Equal(inf / normSq, terms.Delta[0].item<double>(), 12);
        Assert.Equal(Math.Abs(f[1]) * inf / normSq, terms.Distance[1].item<double>(), 12);
        var hinge = (Math.Max(0, 1 - f[0]) + Math.Max(0, 1 + Math.Abs(f[1]))) / 2;   // the second example is on the wrong side
        Assert.Equal(hinge, terms.Hinge.item<double>(), 12);
        Assert.Equal(normSq / inf, terms.MarginTerm.item<double>(), 10);
        Assert.Equal(hinge + 2 * normSq / inf, terms.Total.item<double>(), 10);
    }

    [Fact]
    public void CurvedLevelSetsUseTheirOwnLocalWidth()
    {
        // F(x) = ‖x‖² − 1: S_0 is the unit circle, S_1 the circle of radius √2, S_−1 the origin. From x = (3, 0):
        // p0 = (1, 0), p1 = (√2, 0), p−1 = 0, so Δ = min(√2 − 1, 1) = √2 − 1 and d(x, p0) = 2.
        Tensor F(Tensor p) => p.square().sum(1) - 1;
        var projector = new LevelSetProjector(tolerance: 1e-12, maxIterations: 60);
        var x = torch.tensor(new[,] { { 3.0, 0.0 } }, dtype: ScalarType.Float64);
        var terms = new GeometricSvmLoss(lambda: 0, norm: MarginNorm.L2, projector: projector).Terms(F, x, torch.tensor(new[] { 1.0 }, dtype: ScalarType.Float64));
        Assert.Equal(2.0, terms.Distance.item<double>(), 8);
        Assert.Equal(Math.Sqrt(2) - 1, terms.Delta.item<double>(), 8);
        Assert.Equal(0.0, terms.Hinge.item<double>(), 12);           // d/Δ ≈ 4.8 > 1: outside the margin
    }

    [Fact]
    public void HingePullsTheBoundaryTowardsAMisclassifiedExample()
    {
        // One example at x = 0.5 on the negative side of F = w·x − 1 (w = 1) with label +1: lowering the threshold
        // moves S_0 towards it, so ∂loss/∂b < 0 (increasing b, i.e. F = x + b − 1, shifts S_0 left, towards x).
        var b = torch.tensor(0.0, dtype: ScalarType.Float64).requires_grad_(true);
        Tensor F(Tensor p) => p.reshape(-1) + b - 1;
        var terms = new GeometricSvmLoss(lambda: 0, norm: MarginNorm.L2).Terms(F, torch.tensor(new[,] { { 0.5 } }, dtype: ScalarType.Float64),
            torch.tensor(new[] { 1.0 }, dtype: ScalarType.Float64));
        Assert.Equal(1.5, terms.Hinge.item<double>(), 12);           // 1 + d/Δ = 1 + 0.5/1
        var grad = torch.autograd.grad([terms.Total], [b])[0].item<double>();
        Assert.Equal(-1.0, grad, 10);                                // d/Δ = |F(x)| = 1 − b − 0.5 locally
    }
}
