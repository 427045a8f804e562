using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Attacks;

/// <summary>
/// An L∞ evasion attack on a classifier given as a function from images [N, ...] in [0, 1] to logits [N, K].
/// <see cref="Perturb"/> returns one point per image, within <see cref="Epsilon"/> of it in L∞ and inside [0, 1]; where
/// the attack found a point at which the label's logit is not strictly the largest (F^y ≤ 0, the rule of
/// <see cref="Robust.RobustEvaluation"/>), it returns such a point. Random draws come from the given generator only,
/// so an attack repeats exactly with a seed.
/// </summary>
public interface IAdversarialAttack
{
    /// <summary>The CLI's name: apgd-ce, apgd-t, square.</summary>
    string Key { get; }

    /// <summary>One line with the settings, e.g. "APGD-CE 100 iterations ε 0.3".</summary>
    string Description { get; }

    double Epsilon { get; }

    /// <param name="progress">Fraction of this call's work done (0..1), reported now and then.</param>
    Tensor Perturb(Func<Tensor, Tensor> logitsOf, Tensor x, Tensor labels, Generator generator,
        Action<double>? progress = null, CancellationToken cancel = default);
}

/// <summary>Where an image's label is not strictly the largest logit: F^y ≤ 0.</summary>
public static class Misclassification
{
    public static Tensor Of(Tensor logits, Tensor labels)
    {
        using var margin = Robust.ClassMargin.Of(logits, labels);
        using var zero = 0.0.ToScalar();
        return margin.le(zero);
    }
}
