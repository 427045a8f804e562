using System.Diagnostics;
using Nlset.Classification.Attacks;
using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Classification.Robust;

/// <summary>
/// Clean accuracy and robust accuracy under each of a list of white-box PGD attacks, and how many images had their two
/// largest clean logits exactly equal (a sign of a flat, saturated network, where PGD's signed gradient is 0).
/// </summary>
public sealed record RobustEvaluationResult(int Count, double CleanAccuracy, IReadOnlyList<(PgdSettings Attack, double Accuracy)> Robust,
    TimeSpan Elapsed, int TiedClean = 0);

/// <summary>
/// Evaluates a classifier (in eval mode) on images in batches: clean accuracy, and for each attack the share of images
/// classified correctly both clean and at the attack's point (an image misclassified as it is has no robust ball).
/// "Correct" means the label's logit is strictly the largest (F^y &gt; 0): a tie is not a win, so a network that outputs
/// equal logits where it is flat cannot score by argmax's tie-break.
/// Each attack's random starts come from a generator seeded with <c>seed</c>, so results repeat exactly.
/// </summary>
public static class RobustEvaluation
{
    public static RobustEvaluationResult Evaluate(nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels,
        IReadOnlyList<PgdSettings> attacks, int batchSize = Attacks.AttackEnsemble.DefaultBatchSize, int seed = 0,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var n = images.shape[0];
        if (n == 0) throw new ArgumentException("no images to evaluate");
        var clock = Stopwatch.StartNew();
        model.eval();
        long clean = 0, tied = 0;
        var robust = new long[attacks.Count];
        var generators = attacks.Select((_, k) => new Generator((ulong)(seed + 7919L * k), images.device)).ToArray();
        var batches = (int)((n + batchSize - 1) / batchSize);
        var total = batches * (1 + attacks.Count);
        var done = 0;
        try
        {
            for (long start = 0; start < n; start += batchSize)
            {
                cancel.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                var length = Math.Min(batchSize, n - start);
                var x = images.narrow(0, start, length);
                var y = labels.narrow(0, start, length);
                Tensor correct;
                using (torch.no_grad())
                {
                    var logits = model.call(x);
                    correct = ClassMargin.Of(logits, y) > Zero;
                    var top = logits.topk(2, 1).values;
                    tied += top[.., 0].eq(top[.., 1]).sum().item<long>();
                }
                clean += correct.sum().item<long>();
                progress?.Report((++done, total));
                for (var k = 0; k < attacks.Count; k++)
                {
                    cancel.ThrowIfCancellationRequested();
                    using var inner = torch.NewDisposeScope();
                    var adversarial = ProjectedGradientDescent.Attack(model.call, x, y, attacks[k], generators[k]);
                    using (torch.no_grad()) robust[k] += correct.logical_and(ClassMargin.Of(model.call(adversarial), y) > Zero).sum().item<long>();
                    progress?.Report((++done, total));
                }
            }
        }
        finally
        {
            foreach (var g in generators) g.Dispose();
        }
        return new RobustEvaluationResult((int)n, (double)clean / n,
            attacks.Select((a, k) => (a, (double)robust[k] / n)).ToArray(), clock.Elapsed, (int)tied);
    }
}
