using Nlset.Core;
using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Classification.Losses;

/// <summary>
/// The geometric soft-SVM loss of a network (Eq. 11, paper §3.1 and §5.1):
/// <code>
///   loss = mean_j max(0, 1 − sign(y_j F(x_j)) · d(x_j, p0_j) / Δ_j) + λ · mean_j Δ_j^α
///   Δ_j  = min(d(p0_j, p1_j), d(p0_j, p−1_j))
/// </code>
/// p0_j is the Newton projection (Eq. 4) of x_j onto the decision boundary S_0 = {F = 0}; p±1_j the projections of
/// p0_j onto S_±1. All three are tied to the weights by sample networks (Eq. 9), so the loss moves the level sets
/// themselves: the hinge pushes S_0 away from correctly classified examples until they lie beyond S_±1 (towards
/// misclassified ones, which pay 1 + d/Δ), and Δ^α with α &lt; 0 widens the band between S_−1 and S_1. The paper's
/// settings are the defaults: α = −1, d = L∞ (d(x, S_t) ≈ ‖x − p_t‖∞). For an affine F with α = −2 and d = L2 it is
/// exactly the classic soft SVM of Eq. 10 (tested): d(x, p0)/Δ = |wᵀx + b| and Δ^−2 = ‖w‖².
/// </summary>
public sealed class GeometricSvmLoss : IMarginLoss
{
    /// <summary>Chosen by measurement on mnist-10k (docs/margin.md); the paper does not state its λ.</summary>
    public const double DefaultLambda = 0.03;

    /// <summary>
    /// Lower bound on Δ: where a projection onto S_±1 did not move (e.g. F flat there), Δ would be 0 and d/Δ and Δ^α
    /// infinite. 1e-6 is far below any margin that matters for images in [0, 1] (one grey level is 0.004).
    /// </summary>
    public const double DeltaFloor = 1e-6;

    static readonly Scalar Floor = DeltaFloor, MinusOneReal = -1.0;

    readonly LevelSetProjector _projector;

    /// <param name="lambda">Weight λ of the margin term.</param>
    /// <param name="alpha">Exponent α of Δ (paper: −1; −2 with L2 on an affine F gives Eq. 10).</param>
    /// <param name="norm">The distance d (paper: L∞).</param>
    /// <param name="projector">Newton projector (default: tolerance 1e-5, 10 steps, the reference code's).</param>
    public GeometricSvmLoss(double lambda = DefaultLambda, double alpha = -1, MarginNorm norm = MarginNorm.LInfinity,
        LevelSetProjector? projector = null)
    {
        if (!(lambda >= 0) || !double.IsFinite(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "must be a non-negative number");
        if (!double.IsFinite(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "must be finite");
        Lambda = lambda;
        Alpha = alpha;
        Norm = norm;
        _projector = projector ?? new LevelSetProjector();
    }

    public MarginLossKind Kind => MarginLossKind.GeometricSvm;
    public double Lambda { get; }
    public double Alpha { get; }
    public MarginNorm Norm { get; }

    public Tensor Compute(Func<Tensor, Tensor> classifier, Tensor images, Tensor signs) => Terms(classifier, images, signs).Total;

    /// <summary>The loss and its parts (see <see cref="GeometricSvmTerms"/>).</summary>
    public GeometricSvmTerms Terms(Func<Tensor, Tensor> classifier, Tensor images, Tensor signs)
    {
        var n = images.shape[0];
        if (signs.dim() != 1 || signs.shape[0] != n)
            throw new ArgumentException($"signs must be [{n}], got [{string.Join(", ", signs.shape)}]");
        using var scope = torch.NewDisposeScope();
        var x = images.detach();

        // Which side each example is on decides the sign of its hinge term; no gradient flows through a sign.
        Tensor side;
        using (torch.no_grad()) side = (signs * classifier(x).reshape(-1)).sign();

        // p0 on S_0 from x, then p1 and p−1 from p0, in one batch of 2N (θ frozen, no graph).
        using var onBoundary = _projector.Project(classifier, x, 0.0);
        var levels = torch.cat([torch.ones(n, dtype: x.dtype, device: x.device), torch.full(n, MinusOneReal, dtype: x.dtype, device: x.device)]);
        using var onSides = _projector.Project(classifier, torch.cat([onBoundary.Points, onBoundary.Points]), levels);
        var converged = (onBoundary.ConvergedCount + onSides.ConvergedCount) / (3.0 * n);

        // The sample networks (Eq. 9), tied to the levels aimed at (0, 1, −1) rather than the levels reached: see TargetSamples.
        using var boundarySamples = TargetSamples(onBoundary, torch.zeros(n, dtype: x.dtype, device: x.device));
        using var sideSamples = TargetSamples(onSides, levels);
        var p0 = boundarySamples.Forward(classifier);
        var pSides = sideSamples.Forward(classifier);
        var p1 = pSides.narrow(0, 0, n);
        var pMinus1 = pSides.narrow(0, n, n);

        var distance = Norm.RowNorms(x - p0);
        using var alpha = Alpha.ToScalar();
        using var lambda = Lambda.ToScalar();
        var delta = torch.minimum(Norm.RowNorms(p0 - p1), Norm.RowNorms(p0 - pMinus1)).clamp_min(Floor);
        var hinge = nn.functional.relu(One.Minus(side * distance / delta)).mean();
        var marginTerm = delta.pow(alpha).mean();
        var total = hinge.Plus(marginTerm * lambda);
        return new GeometricSvmTerms(total.MoveToOuterDisposeScope(), hinge.MoveToOuterDisposeScope(),
            marginTerm.MoveToOuterDisposeScope(), distance.MoveToOuterDisposeScope(), delta.MoveToOuterDisposeScope(), converged);
    }

    /// <summary>
    /// Sample networks p(θ) = p − DxF(p; θ0)^† [F(p; θ) − t] on the target levels t. Where the projection converged this
    /// is the paper's sample network (F(p) = t, so p(θ0) = p). Where it did not (the boundary out of Newton's reach, e.g.
    /// a fresh network positive on every example), p(θ0) is the point one more Newton step aims at, the linearised
    /// position of S_t, and the loss still moves S_t itself. Tying such points to the level they happened to reach
    /// instead (paper §2.1, right for reconstruction, where every level has a meaning) makes the loss move an arbitrary
    /// level set: measured on the two-blob toy, a run that started with F &gt; 0 everywhere then never found a boundary.
    /// </summary>
    static SampleNetwork TargetSamples(LevelSetProjection projection, Tensor targets)
    {
        using var pseudoInverse = JacobianPseudoInverse.Of(projection.Jacobian);
        return new SampleNetwork(projection.Points, pseudoInverse, targets);
    }
}
