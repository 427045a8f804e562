using Nlset.Classification.Attacks;
using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Classification.Robust;

/// <summary>
/// TRADES (Zhang et al. 2019): CE(f(x), y) + β · (1/N) Σ_j KL(softmax f(x_j) ‖ softmax f(x'_j)), where x' maximises the
/// KL term inside the ε-box: start at x + 0.001·N(0, I), K signed steps of α on the KL to the (fixed) natural
/// prediction, in eval mode. β = 6 is TRADES' default; the KL is summed over the batch and divided by N as in its code.
/// </summary>
public sealed class TradesLoss : IRobustLoss
{
    public const double DefaultBeta = 6.0;

    static readonly Scalar ProbabilityFloor = 1e-30;

    public TradesLoss(PgdSettings attack, double beta = DefaultBeta)
    {
        if (!(beta >= 0) || !double.IsFinite(beta)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "must be a non-negative number");
        Attack = attack.Validated();
        Beta = beta;
    }

    public RobustMethod Method => RobustMethod.Trades;
    public PgdSettings Attack { get; }
    public double Beta { get; }

    public RobustStep Compute(nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels, int epoch)
    {
        model.eval();
        Tensor natural, correct, predicted;
        using (torch.no_grad())
        {
            var logits = model.call(images);
            predicted = logits.argmax(1);
            correct = predicted.eq(labels);
            natural = nn.functional.softmax(logits, 1);
        }
        using var eps = torch.tensor(Attack.Epsilon);
        using var alpha = torch.tensor(Attack.StepSize);
        using var adversarial = ProjectedGradientDescent.Ascend(
            p => KlRows(natural, nn.functional.log_softmax(model.call(p), 1)), images, eps, alpha, Attack.Steps,
            ProjectedGradientDescent.Start.SmallGaussian);
        natural.Dispose();

        model.train();
        var naturalLogits = model.call(images);
        var adversarialLogits = model.call(adversarial);
        using var count = images.shape[0].ToScalar();
        using var beta = Beta.ToScalar();
        var robust = KlRows(nn.functional.softmax(naturalLogits, 1), nn.functional.log_softmax(adversarialLogits, 1)).sum() / count;
        return new RobustStep(nn.functional.cross_entropy(naturalLogits, labels).Plus(robust * beta), correct, predicted);
    }

    /// <summary>KL(p ‖ q) per row from probabilities p and log-probabilities log q (0 · log 0 = 0).</summary>
    internal static Tensor KlRows(Tensor p, Tensor logQ) =>
        (p * (p.clamp_min(ProbabilityFloor).log() - logQ)).sum(1);
}
