using System.Globalization;
using Nlset.Geometry;
using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Classification.Attacks;

/// <summary>
/// Auto-PGD's settings (Croce and Hein 2020, Algorithm 1): L∞ radius ε, the iteration budget N, the threshold ρ of
/// condition 1 and the momentum α. The step size starts at 2ε.
/// </summary>
public sealed record AutoPgdSettings(double Epsilon = 0.3, int Iterations = 100, double Rho = 0.75, double Momentum = 0.75)
{
    public AutoPgdSettings Validated()
    {
        if (!(Epsilon >= 0 && Epsilon <= 1)) throw new InvalidInputException($"attack ε must be in [0, 1], got {Epsilon.ToString(CultureInfo.InvariantCulture)}");
        if (Iterations < 1) throw new InvalidInputException($"APGD iterations must be at least 1, got {Iterations}");
        if (!(Rho > 0 && Rho <= 1)) throw new InvalidInputException($"APGD ρ must be in (0, 1], got {Rho.ToString(CultureInfo.InvariantCulture)}");
        if (!(Momentum > 0 && Momentum <= 1)) throw new InvalidInputException($"APGD momentum must be in (0, 1], got {Momentum.ToString(CultureInfo.InvariantCulture)}");
        return this;
    }
}

/// <summary>
/// One step, shown to an observer (tests): from x^(k) with loss f(x^(k)) [N] (after a restart, x^(k) = x_max), with step
/// size η^(k) [N], to x^(k+1) with loss f(x^(k+1)) [N]. Valid during the call only.
/// </summary>
public readonly record struct AutoPgdStep(int Iteration, Tensor StepSize, Tensor LossBefore, Tensor LossAfter);

/// <summary>
/// Auto-PGD in L∞ (Croce and Hein 2020, §3), batched, per-image step sizes. From a random point on the ε-box's
/// surface, each iteration takes z = P(x^(k) + η·sign ∇f(x^(k))) and x^(k+1) = P(x^(k) + α(z − x^(k)) + (1 − α)(x^(k) − x^(k−1)))
/// (α = 1 at the first step), P the projection onto the ε-box ∩ [0, 1]. At the checkpoints w_j (<see cref="Checkpoints"/>)
/// an image's step size is halved, and it restarts from its best point x_max, when
/// condition 1: fewer than ρ·(w_j − w_{j−1}) of the steps since w_{j−1} increased f, or
/// condition 2: its step size was not halved at w_{j−1} and f_max did not increase since then.
/// Gradients are taken with respect to the input only; the model's mode is the caller's.
/// </summary>
public static class AutoPgd
{
    /// <summary>
    /// The iterations after which the step size is checked: p_0 = 0, p_1 = 0.22, p_{j+1} = p_j + max(p_j − p_{j−1} − 0.03, 0.06),
    /// w_j = p_j·N, in the reference code's integer form (lengths ⌊0.22N⌋, shrinking by ⌊0.03N⌋ to at least ⌊0.06N⌋, each at
    /// least 1), which is exact for N = 100: 22, 41, 57, 70, 80, 87, 93, 99.
    /// </summary>
    public static IReadOnlyList<int> Checkpoints(int iterations)
    {
        var first = Math.Max((int)(0.22 * iterations), 1);
        var shrink = Math.Max((int)(0.03 * iterations), 1);
        var minimum = Math.Max((int)(0.06 * iterations), 1);
        var list = new List<int>();
        for (int at = first, length = first; at <= iterations; length = Math.Max(length - shrink, minimum), at += length)
            list.Add(at);
        return list;
    }

    /// <summary>
    /// Maximises <paramref name="objective"/> (points [N, ...] → loss [N], differentiable, and whether each point is
    /// misclassified [N], bool) in the ε-box around <paramref name="x"/> ∩ [0, 1]. Returns for each image the last
    /// misclassified point met (where one was met) or its best point, and whether one was met. With
    /// <paramref name="stopWhenAllMisclassified"/> the run ends once every image has been misclassified somewhere, which
    /// changes no image's outcome (images do not interact).
    /// </summary>
    public static (Tensor Points, Tensor Misclassified) Maximise(Func<Tensor, (Tensor Loss, Tensor Misclassified)> objective, Tensor x,
        AutoPgdSettings settings, Generator generator, Action<AutoPgdStep>? observe = null, Action<double>? progress = null,
        bool stopWhenAllMisclassified = true, CancellationToken cancel = default)
    {
        settings.Validated();
        using var scope = torch.NewDisposeScope();
        var origin = x.detach();
        var n = origin.shape[0];
        var rowShape = new[] { n }.Concat(Enumerable.Repeat(1L, (int)origin.dim() - 1)).ToArray();
        using var epsilon = settings.Epsilon.ToScalar();
        using var half = 0.5.ToScalar();
        using var one = 1.0.ToScalar();
        using var momentum = settings.Momentum.ToScalar();
        using var keep = (1 - settings.Momentum).ToScalar();
        using var tiny = 1e-12.ToScalar();
        var lower = (origin - epsilon).clamp_min(ZeroReal);
        var upper = origin.Plus(epsilon).clamp_max(OneReal);
        Tensor Project(Tensor p) => torch.minimum(torch.maximum(p, lower), upper);

        (Tensor Loss, Tensor Gradient, Tensor Misclassified) Evaluate(Tensor p)
        {
            using var enable = torch.enable_grad();
            var leaf = p.detach().requires_grad_(true);
            var (loss, misclassified) = objective(leaf);
            var gradient = torch.autograd.grad([loss.sum()], [leaf])[0];
            return (loss.detach(), gradient.detach(), misclassified.detach().to(ScalarType.Bool));
        }

        // Start: uniform in the box, rescaled per image so that its largest coordinate lies on the box (reference code).
        Tensor start;
        using (torch.no_grad())
        {
            var t = torch.rand(origin.shape, dtype: origin.dtype, device: origin.device, generator: generator) * Two - One;
            var largest = t.abs().reshape(n, -1).max(1).values.reshape(rowShape);
            start = Project(origin.Plus(t.div(largest.Plus(tiny)).mul(epsilon)));
        }
        var (loss0, gradient0, missed0) = Evaluate(start);

        // The state, updated in place so that each iteration's scope can free everything it made.
        var current = start.clone();
        var previous = start.clone();
        var gradient = gradient0.clone();
        var loss = loss0.clone();
        var best = start.clone();
        var bestGradient = gradient0.clone();
        var bestLoss = loss0.clone();
        var found = missed0.clone();
        var points = start.clone();
        using var twoEpsilon = (2 * settings.Epsilon).ToScalar();
        var stepSize = torch.full(rowShape, twoEpsilon, dtype: origin.dtype, device: origin.device);
        var successes = torch.zeros(n, dtype: ScalarType.Int64, device: origin.device);
        var bestLossAtCheckpoint = loss0.clone();
        var halvedAtCheckpoint = torch.zeros(n, dtype: ScalarType.Bool, device: origin.device);
        var checkpoints = new HashSet<int>(Checkpoints(settings.Iterations));
        var lastCheckpoint = 0;

        for (var k = 0; k < settings.Iterations; k++)
        {
            cancel.ThrowIfCancellationRequested();
            using var step = torch.NewDisposeScope();
            Tensor next;
            using (torch.no_grad())
            {
                var z = Project(current.Plus(stepSize * gradient.sign()));
                next = k == 0 ? z : Project(current.Plus((z - current).mul(momentum)).Plus((current - previous).mul(keep)));
            }
            var (nextLoss, nextGradient, missed) = Evaluate(next);
            observe?.Invoke(new AutoPgdStep(k, stepSize.reshape(n), loss, nextLoss));
            using (torch.no_grad())
            {
                var missedRows = missed.reshape(rowShape);
                points.copy_(torch.where(missedRows, next, points));
                found.logical_or_(missed);
                successes.PlusInPlace(nextLoss.gt(loss).to(ScalarType.Int64));
                var improved = nextLoss.gt(bestLoss);
                var improvedRows = improved.reshape(rowShape);
                best.copy_(torch.where(improvedRows, next, best));
                bestGradient.copy_(torch.where(improvedRows, nextGradient, bestGradient));
                bestLoss.copy_(torch.where(improved, nextLoss, bestLoss));
                previous.copy_(current);
                current.copy_(next);
                gradient.copy_(nextGradient);
                loss.copy_(nextLoss);

                if (checkpoints.Contains(k + 1))
                {
                    using var threshold = (settings.Rho * (k + 1 - lastCheckpoint)).ToScalar();
                    var condition1 = successes.lt(threshold);
                    var condition2 = halvedAtCheckpoint.logical_not().logical_and(bestLossAtCheckpoint.ge(bestLoss));
                    var halve = condition1.logical_or(condition2);
                    var halveRows = halve.reshape(rowShape);
                    stepSize.copy_(torch.where(halveRows, stepSize.mul(half), stepSize));
                    // Restart from the best point: the next step leaves x_max along its gradient, and f is compared with f_max.
                    current.copy_(torch.where(halveRows, best, current));
                    gradient.copy_(torch.where(halveRows, bestGradient, gradient));
                    loss.copy_(torch.where(halve, bestLoss, loss));
                    halvedAtCheckpoint.copy_(halve);
                    bestLossAtCheckpoint.copy_(bestLoss);
                    successes.zero_();
                    lastCheckpoint = k + 1;
                }
            }
            if (progress is not null && (k + 1) % 10 == 0) progress((k + 1.0) / settings.Iterations);
            if (stopWhenAllMisclassified && found.all().item<bool>()) break;
        }
        // Images never misclassified: their best point.
        var result = torch.where(found.reshape(rowShape), points, best);
        return (result.MoveToOuterDisposeScope(), found.MoveToOuterDisposeScope());
    }
}
