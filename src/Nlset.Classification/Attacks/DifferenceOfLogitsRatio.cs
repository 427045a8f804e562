using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Classification.Attacks;

/// <summary>
/// The difference-of-logits-ratio losses of Croce and Hein (2020, §4), which AutoAttack ascends. With z the logits sorted
/// in decreasing order z_π1 ≥ z_π2 ≥ …, both are invariant to shifting and rescaling the logits, so a network cannot
/// hide from them by scaling its outputs (the way cross-entropy saturates):
/// untargeted DLR(z, y) = −(z_y − max_{i≠y} z_i) / (z_π1 − z_π3 + 1e-12),
/// targeted DLR(z, y, t) = −(z_y − z_t) / (z_π1 − (z_π3 + z_π4)/2 + 1e-12).
/// </summary>
public static class DifferenceOfLogitsRatio
{
    /// <summary>Keeps the denominator away from 0 where the top logits coincide (the reference's constant).</summary>
    const double Guard = 1e-12;

    /// <summary>Untargeted DLR: logits [N, K ≥ 3], labels [N] → [N], differentiable in the logits.</summary>
    public static Tensor Untargeted(Tensor logits, Tensor labels)
    {
        Check(logits, labels, 3);
        using var scope = torch.NewDisposeScope();
        using var guard = Guard.ToScalar();
        var sorted = logits.sort(1, descending: true).Values;
        var margin = Robust.ClassMargin.Of(logits, labels);
        return (margin.neg() / (sorted[.., 0] - sorted[.., 2]).add_(guard, One)).MoveToOuterDisposeScope();
    }

    /// <summary>Targeted DLR: logits [N, K ≥ 4], labels and targets [N] → [N], differentiable in the logits.</summary>
    public static Tensor Targeted(Tensor logits, Tensor labels, Tensor targets)
    {
        Check(logits, labels, 4);
        if (targets.dim() != 1 || targets.shape[0] != labels.shape[0]) throw new ArgumentException("expected targets [N] beside labels [N]");
        using var scope = torch.NewDisposeScope();
        using var guard = Guard.ToScalar();
        using var half = 0.5.ToScalar();
        var sorted = logits.sort(1, descending: true).Values;
        var own = logits.gather(1, labels.unsqueeze(1)).squeeze(1);
        var target = logits.gather(1, targets.unsqueeze(1)).squeeze(1);
        var scale = (sorted[.., 0] - sorted[.., 2].Plus(sorted[.., 3]).mul_(half)).add_(guard, One);
        return ((own - target).neg() / scale).MoveToOuterDisposeScope();
    }

    static void Check(Tensor logits, Tensor labels, int classes)
    {
        if (logits.dim() != 2 || labels.dim() != 1 || labels.shape[0] != logits.shape[0])
            throw new ArgumentException($"expected logits [N, K] and labels [N], got [{string.Join(", ", logits.shape)}] and [{string.Join(", ", labels.shape)}]");
        if (logits.shape[1] < classes) throw new ArgumentException($"the DLR loss needs at least {classes} classes, got {logits.shape[1]}");
    }
}
