using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Attacks;

/// <summary>One attack's part in an ensemble: how many images it attacked (those still robust), how many it broke, the robust accuracy after it (cumulative), its time.</summary>
public sealed record AttackOutcome(string Key, string Description, int Attacked, int Broken, double RobustAccuracy, TimeSpan Elapsed);

/// <summary>
/// An ensemble evaluation: clean accuracy, each attack's outcome in order, and the ensemble's robust accuracy — the share
/// of images classified correctly clean and at every attack's point — with the per-image verdicts.
/// </summary>
public sealed record EnsembleResult(int Count, double CleanAccuracy, int TiedClean, IReadOnlyList<AttackOutcome> Attacks,
    double RobustAccuracy, IReadOnlyList<bool> Robust, TimeSpan Elapsed);

/// <summary>Where an ensemble run is: attack <c>Attack</c> of <c>Attacks</c>, batch <c>Batch</c> of <c>Batches</c>, and the whole run's fraction done (attacks weighted equally).</summary>
public readonly record struct EnsembleProgress(int Attack, int Attacks, string Key, int Batch, int Batches, double Fraction);

/// <summary>
/// AutoAttack's evaluation protocol (Croce and Hein 2020): the attacks run one after another, each only on the images
/// that every earlier attack left robust, and an image counts as robust only if it survives all of them (an image
/// misclassified clean is never attacked). "Correct" is the label's logit strictly the largest (F^y &gt; 0), as in
/// <see cref="Robust.RobustEvaluation"/>. Attack k draws from its own generator seeded with seed + 7919·k, so a run
/// repeats exactly. Every point an attack returns is checked to lie in its ε-ball and in [0, 1]: a point outside is a
/// bug in the attack, not a success, and stops the run.
/// </summary>
public static class AttackEnsemble
{
    /// <summary>The standard AutoAttack ensemble in L∞ without FAB-T: APGD-CE, APGD-T (9 targets), Square (5,000 queries).</summary>
    public static IReadOnlyList<IAdversarialAttack> Standard(double epsilon, int iterations = 100, int targets = 9, int queries = 5000) =>
    [
        new AutoPgdCrossEntropy(new AutoPgdSettings(epsilon, iterations)),
        new AutoPgdTargeted(new AutoPgdSettings(epsilon, iterations), targets),
        new SquareAttack(new SquareSettings(epsilon, queries)),
    ];

    /// <summary>How far outside the ε-ball a returned point may lie (float rounding of x ± ε).</summary>
    const double BallTolerance = 1e-5;

    /// <summary>
    /// Images per attack batch. On two CPU cores ConvNet-4a's activations for 500 MNIST images fall out of cache: Square's
    /// queries cost 326 µs an image at 500 and 145 at 100, APGD-CE's iterations 1.47 times as much (docs/robust.md).
    /// </summary>
    public const int DefaultBatchSize = 100;

    public static EnsembleResult Evaluate(nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels, IReadOnlyList<IAdversarialAttack> attacks,
        int batchSize = DefaultBatchSize, int seed = 0, IProgress<EnsembleProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var n = (int)images.shape[0];
        if (n == 0) throw new ArgumentException("no images to evaluate");
        if (labels.dim() != 1 || labels.shape[0] != n) throw new ArgumentException("expected one label per image");
        var clock = Stopwatch.StartNew();
        model.eval();
        var robust = new bool[n];
        long tied = 0;
        using var zero = 0.0.ToScalar();
        for (var start = 0; start < n; start += batchSize)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var length = Math.Min(batchSize, n - start);
            var logits = model.call(images.narrow(0, start, length));
            var correct = Robust.ClassMargin.Of(logits, labels.narrow(0, start, length)).gt(zero).cpu().data<bool>().ToArray();
            Array.Copy(correct, 0, robust, start, length);
            var top = logits.topk(2, 1).values;
            tied += top[.., 0].eq(top[.., 1]).sum().item<long>();
        }
        var clean = robust.Count(r => r);

        var outcomes = new List<AttackOutcome>();
        for (var k = 0; k < attacks.Count; k++)
        {
            var attack = attacks[k];
            var attackClock = Stopwatch.StartNew();
            using var generator = new Generator((ulong)(seed + 7919L * k), images.device);
            var open = Enumerable.Range(0, n).Where(i => robust[i]).ToArray();
            var batches = (open.Length + batchSize - 1) / batchSize;
            var broken = 0;
            for (var b = 0; b < batches; b++)
            {
                cancel.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                var chunk = open.Skip(b * batchSize).Take(batchSize).ToArray();
                var index = torch.tensor(chunk.Select(i => (long)i).ToArray(), device: images.device);
                var x = images.index_select(0, index);
                var y = labels.index_select(0, index);
                var (attackIndex, batchIndex) = (k, b);
                void Report(double within) => progress?.Report(new EnsembleProgress(attackIndex + 1, attacks.Count, attack.Key, batchIndex + 1, batches,
                    (attackIndex + (batchIndex + within) / batches) / attacks.Count));
                Report(0);
                var adversarial = attack.Perturb(model.call, x, y, generator, Report, cancel);
                using (torch.no_grad())
                {
                    CheckInBall(attack, x, adversarial);
                    var fooled = Robust.ClassMargin.Of(model.call(adversarial), y).le(zero).cpu().data<bool>().ToArray();
                    for (var i = 0; i < chunk.Length; i++)
                        if (fooled[i]) { robust[chunk[i]] = false; broken++; }
                }
            }
            progress?.Report(new EnsembleProgress(k + 1, attacks.Count, attack.Key, batches, batches, (k + 1.0) / attacks.Count));
            outcomes.Add(new AttackOutcome(attack.Key, attack.Description, open.Length, broken, (double)robust.Count(r => r) / n, attackClock.Elapsed));
        }
        return new EnsembleResult(n, (double)clean / n, (int)tied, outcomes, (double)robust.Count(r => r) / n, robust, clock.Elapsed);
    }

    static void CheckInBall(IAdversarialAttack attack, Tensor x, Tensor adversarial)
    {
        if (!adversarial.shape.SequenceEqual(x.shape))
            throw new InvalidOperationException($"{attack.Key} returned points of shape [{string.Join(", ", adversarial.shape)}] for images [{string.Join(", ", x.shape)}]");
        var distance = (adversarial - x).abs().max().to(ScalarType.Float64).item<double>();
        var low = adversarial.min().to(ScalarType.Float64).item<double>();
        var high = adversarial.max().to(ScalarType.Float64).item<double>();
        if (!(distance <= attack.Epsilon + BallTolerance) || low < 0 || high > 1)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{attack.Key} returned a point outside its ε-ball ∩ [0, 1] (L∞ distance {distance}, ε {attack.Epsilon}, range [{low}, {high}]): a bug in the attack"));
    }
}
