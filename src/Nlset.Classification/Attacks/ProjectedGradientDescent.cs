using Nlset.Classification.Robust;
using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Classification.Attacks;

/// <summary>
/// L∞ projected gradient ascent (Madry et al.): from a start in the ε-box around x, K signed-gradient steps of size α
/// on a per-example objective, each followed by projection onto the box [x − ε, x + ε] and onto the image range [0, 1].
/// ε and α may differ per example (the level-set loss searches correct and wrong examples with different radii).
/// Gradients are taken with respect to the inputs only (autograd.grad), so the model's parameter gradients are never
/// touched; the model's train/eval mode is the caller's. Random starts draw from the given generator, so an attack is
/// repeatable with a seed whatever else used torch's global generator.
/// </summary>
public static class ProjectedGradientDescent
{
    /// <summary>σ of the Gaussian start (TRADES: 0.001 · N(0, 1)).</summary>
    static readonly Scalar GaussianStartSpread = 0.001;

    /// <summary>How the search starts.</summary>
    public enum Start
    {
        /// <summary>Uniform in the ε-box (Madry et al.; the evaluation attacks and the level-set search).</summary>
        UniformInBox,
        /// <summary>x + 0.001·N(0, I) (TRADES' inner maximisation).</summary>
        SmallGaussian,
    }

    /// <summary>
    /// Ascends <paramref name="objective"/> (points [N, ...] → values [N]; summed for the gradient, so each row's
    /// gradient is its own) from around <paramref name="x"/>. Returns the final points, detached, in [0, 1] and within ε of x.
    /// </summary>
    /// <param name="epsilon">Radius: [] or [N].</param>
    /// <param name="stepSize">α: [] or [N].</param>
    public static Tensor Ascend(Func<Tensor, Tensor> objective, Tensor x, Tensor epsilon, Tensor stepSize, int steps,
        Start start = Start.UniformInBox, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        using var scope = torch.NewDisposeScope();
        var origin = x.detach();
        var shape = new[] { origin.shape[0] }.Concat(Enumerable.Repeat(1L, (int)origin.dim() - 1)).ToArray();
        Tensor PerRow(Tensor t) => t.dim() == 0 ? t : t.reshape(shape);
        var eps = PerRow(epsilon.to(origin.dtype, origin.device));
        var alpha = PerRow(stepSize.to(origin.dtype, origin.device));
        var lower = (origin - eps).clamp_min(ZeroReal);
        var upper = origin.Plus(eps).clamp_max(OneReal);

        Tensor adversarial;
        using (torch.no_grad())
        {
            var noise = start == Start.UniformInBox
                ? eps * (torch.rand(origin.shape, dtype: origin.dtype, device: origin.device, generator: generator) * Two - One)
                : torch.randn(origin.shape, dtype: origin.dtype, device: origin.device, generator: generator) * GaussianStartSpread;
            adversarial = torch.minimum(torch.maximum(origin.Plus(noise), lower), upper);
        }
        for (var k = 0; k < steps; k++)
        {
            using var step = torch.NewDisposeScope();
            Tensor gradient;
            using (torch.enable_grad())
            {
                var leaf = adversarial.detach().requires_grad_(true);
                var value = objective(leaf);
                gradient = torch.autograd.grad(new[] { value.sum() }, new[] { leaf })[0];
            }
            using (torch.no_grad())
                adversarial = torch.minimum(torch.maximum(adversarial.Plus(alpha * gradient.sign()), lower), upper).MoveToOuterDisposeScope();
        }
        return adversarial.detach().MoveToOuterDisposeScope();
    }

    /// <summary>The per-example objective of an attack on a classifier: cross-entropy of the label, or −F^y.</summary>
    public static Func<Tensor, Tensor> Objective(Func<Tensor, Tensor> logitsOf, Tensor labels, AttackLoss loss) => loss switch
    {
        AttackLoss.CrossEntropy => p => nn.functional.cross_entropy(logitsOf(p), labels, reduction: nn.Reduction.None),
        AttackLoss.Margin => p => ClassMargin.Of(logitsOf(p), labels).neg(),
        _ => throw new ArgumentOutOfRangeException(nameof(loss)),
    };

    /// <summary>The standard untargeted attack: uniform random start, K steps of α, ε-box and [0, 1].</summary>
    public static Tensor Attack(Func<Tensor, Tensor> logitsOf, Tensor x, Tensor labels, PgdSettings settings, Generator? generator = null)
    {
        using var eps = torch.tensor(settings.Epsilon);
        using var alpha = torch.tensor(settings.StepSize);
        return Ascend(Objective(logitsOf, labels, settings.Loss), x, eps, alpha, settings.Steps, Start.UniformInBox, generator);
    }
}
