using Nlset.Core;
using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Classification.Losses;

/// <summary>
/// The robust margin loss of Eq. 12 for a binary classifier F (one output, the decision boundary S_0 = {F = 0}):
/// <code>
///   loss = mean_j λ_j · max(0, ε − sign(y_j F(x_j)) · ρ(x_j, p_j(θ)))
/// </code>
/// p_j is the Newton projection (Eq. 4) of x_j onto S_0, tied to the weights by a sample network (Eq. 9), and ρ is
/// ‖x − p(θ)‖∞ or ‖x − p(θ)‖₂. A misclassified x (λ = 1) pulls the boundary towards itself until it crosses; a correctly
/// classified one (weight <see cref="CorrectWeight"/>) pushes it until it is ε away. For a projection along the
/// gradient, x − p is parallel to DxF, so ‖x − p‖∞ is the paper's ρ = |x_i* − p_i*| with i* the gradient's largest
/// coordinate (§3.2), and the L∞ gradient flows through that same coordinate. No cross-entropy term is added: the
/// pull of misclassified points is enough to separate a separable set (tested on the toy).
/// </summary>
public sealed class BinaryRobustMarginLoss
{
    readonly LevelSetProjector _projector;

    /// <param name="epsilon">The margin ε wanted, in input units.</param>
    /// <param name="norm">L∞ (Figure 1b) or L2 (Figure 1c).</param>
    /// <param name="correctWeight">λ_j for correctly classified examples (misclassified ones weigh 1; the paper uses 1 on MNIST).</param>
    public BinaryRobustMarginLoss(double epsilon, MarginNorm norm, double correctWeight = 1, LevelSetProjector? projector = null)
    {
        if (!(epsilon > 0) || !double.IsFinite(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "must be positive");
        if (!(correctWeight >= 0) || !double.IsFinite(correctWeight)) throw new ArgumentOutOfRangeException(nameof(correctWeight), correctWeight, "must be non-negative");
        Epsilon = epsilon;
        Norm = norm;
        CorrectWeight = correctWeight;
        _projector = projector ?? new LevelSetProjector();
    }

    public double Epsilon { get; }
    public MarginNorm Norm { get; }
    public double CorrectWeight { get; }

    /// <summary>The loss on a batch: examples [N, ...], labels ±1 [N]; a scalar with a graph to the classifier's weights.</summary>
    public Tensor Compute(Func<Tensor, Tensor> classifier, Tensor examples, Tensor signs)
    {
        var n = examples.shape[0];
        if (signs.dim() != 1 || signs.shape[0] != n) throw new ArgumentException($"signs must be [{n}], got [{string.Join(", ", signs.shape)}]");
        using var scope = torch.NewDisposeScope();
        var x = examples.detach();
        Tensor side;
        using (torch.no_grad()) side = (signs * classifier(x).reshape(-1)).sign();
        using var projection = _projector.Project(classifier, x, 0.0);
        // Tied to the level aimed at (0), not the level reached: see GeometricSvmLoss.TargetSamples for why.
        using var pseudoInverse = JacobianPseudoInverse.Of(projection.Jacobian);
        using var samples = new SampleNetwork(projection.Points, pseudoInverse, torch.zeros(n, dtype: x.dtype, device: x.device));
        var rho = Norm.RowNorms(x - samples.Forward(classifier));
        using var correctWeight = CorrectWeight.ToScalar();
        using var epsilon = Epsilon.ToScalar();
        var weights = torch.where(side > Zero, torch.full_like(side, correctWeight), torch.ones_like(side));
        return (weights * nn.functional.relu(epsilon.Minus(side * rho))).mean().MoveToOuterDisposeScope();
    }
}
