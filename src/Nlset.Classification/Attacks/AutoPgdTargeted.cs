using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Attacks;

/// <summary>
/// APGD-T, the second attack of AutoAttack's standard ensemble: Auto-PGD (<see cref="AutoPgd"/>) ascending the
/// targeted DLR loss (<see cref="DifferenceOfLogitsRatio.Targeted"/>), run once per target class — the classes
/// ranked 2nd, 3rd, … by the clean logits, <see cref="Targets"/> of them (9, the standard version's count: every other
/// class on MNIST and CIFAR-10) — each run on the images no earlier target has broken, 100 iterations each by default.
/// </summary>
public sealed class AutoPgdTargeted(AutoPgdSettings settings, int targets = 9) : IAdversarialAttack
{
    public AutoPgdSettings Settings { get; } = settings.Validated();

    public int Targets { get; } = targets >= 1 ? targets : throw new Geometry.InvalidInputException($"APGD-T needs at least 1 target class, got {targets}");

    public string Key => "apgd-t";

    public string Description => string.Create(CultureInfo.InvariantCulture, $"APGD-T {Targets} × {Settings.Iterations} it. ε {Settings.Epsilon}");

    public double Epsilon => Settings.Epsilon;

    public Tensor Perturb(Func<Tensor, Tensor> logitsOf, Tensor x, Tensor labels, Generator generator,
        Action<double>? progress = null, CancellationToken cancel = default)
    {
        using var scope = torch.NewDisposeScope();
        Tensor ranking;
        Tensor broken;
        using (torch.no_grad())
        {
            var logits = logitsOf(x);
            ranking = logits.argsort(1, descending: true);
            broken = Misclassification.Of(logits, labels);
        }
        var classes = (int)ranking.shape[1];
        var runs = Math.Min(Targets, classes - 1);
        var points = x.detach().clone();
        using var broke = true.ToScalar();
        for (var run = 0; run < runs; run++)
        {
            cancel.ThrowIfCancellationRequested();
            using var inner = torch.NewDisposeScope();
            var open = broken.logical_not().nonzero().reshape(-1);
            if (open.shape[0] == 0) break;
            var xOpen = x.index_select(0, open);
            var yOpen = labels.index_select(0, open);
            // The (run + 2)-th largest clean logit; for an image whose label is not the top class this may be the top class
            // or the label itself, but such images are broken before any run and never reach here.
            var target = ranking.index_select(0, open)[.., run + 1].contiguous();
            (Tensor, Tensor) Objective(Tensor p)
            {
                var z = logitsOf(p);
                return (DifferenceOfLogitsRatio.Targeted(z, yOpen, target), Misclassification.Of(z, yOpen));
            }
            var first = run;
            var (found, missed) = AutoPgd.Maximise(Objective, xOpen, Settings, generator,
                progress: progress is null ? null : f => progress((first + f) / runs), cancel: cancel);
            using (torch.no_grad())
            {
                // Broken images keep their misclassified point; the others this run's best point (the last target's, in the end).
                points.index_copy_(0, open, found);
                broken.index_fill_(0, open.masked_select(missed), broke);
            }
            progress?.Invoke((run + 1.0) / runs);
        }
        return points.MoveToOuterDisposeScope();
    }
}
