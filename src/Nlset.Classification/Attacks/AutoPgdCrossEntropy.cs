using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Attacks;

/// <summary>
/// APGD-CE, the first attack of AutoAttack's standard ensemble: Auto-PGD (<see cref="AutoPgd"/>) ascending the
/// cross-entropy of the label, one run of <see cref="AutoPgdSettings.Iterations"/> iterations (100 by default) from a
/// random start, no restarts (the standard version's settings).
/// </summary>
public sealed class AutoPgdCrossEntropy(AutoPgdSettings settings) : IAdversarialAttack
{
    public AutoPgdSettings Settings { get; } = settings.Validated();

    public string Key => "apgd-ce";

    public string Description => string.Create(CultureInfo.InvariantCulture, $"APGD-CE {Settings.Iterations} it. ε {Settings.Epsilon}");

    public double Epsilon => Settings.Epsilon;

    public Tensor Perturb(Func<Tensor, Tensor> logitsOf, Tensor x, Tensor labels, Generator generator,
        Action<double>? progress = null, CancellationToken cancel = default)
    {
        (Tensor, Tensor) Objective(Tensor p)
        {
            var logits = logitsOf(p);
            return (nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.None), Misclassification.Of(logits, labels));
        }
        var (points, misclassified) = AutoPgd.Maximise(Objective, x, Settings, generator, progress: progress, cancel: cancel);
        misclassified.Dispose();
        return points;
    }
}
