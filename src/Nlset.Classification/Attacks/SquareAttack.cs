using System.Globalization;
using Nlset.Geometry;
using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Classification.Attacks;

/// <summary>Square Attack's settings: L∞ radius ε, the query budget per image (5,000, AutoAttack's standard version) and p_init (0.8).</summary>
public sealed record SquareSettings(double Epsilon = 0.3, int Queries = 5000, double InitialFraction = 0.8)
{
    public SquareSettings Validated()
    {
        if (!(Epsilon >= 0 && Epsilon <= 1)) throw new InvalidInputException($"attack ε must be in [0, 1], got {Epsilon.ToString(CultureInfo.InvariantCulture)}");
        if (Queries < 1) throw new InvalidInputException($"Square Attack queries must be at least 1, got {Queries}");
        if (!(InitialFraction > 0 && InitialFraction <= 1)) throw new InvalidInputException($"Square Attack p_init must be in (0, 1], got {InitialFraction.ToString(CultureInfo.InvariantCulture)}");
        return this;
    }
}

/// <summary>
/// Square Attack in L∞ (Andriushchenko et al. 2020), the score-based black-box attack of AutoAttack's ensemble: it
/// sees only the logits, so it is not fooled by masked or obfuscated gradients. It minimises the margin F^y by random
/// search. Start: vertical stripes, x + ε·s with one random sign s per image, channel and column, clipped to [0, 1].
/// Each further query proposes, for every image not yet misclassified, a change of its best point on one random square
/// window of side √(p·h·w) (p shrinking with the query count, <see cref="SquareFraction"/>): ±2ε, one random sign per
/// channel, projected back onto the ε-box ∩ [0, 1]; the proposal is kept where it lowers the margin. An image stops
/// once misclassified. Images draw their own windows and signs (the paper's Algorithm 1; AutoAttack's PyTorch port draws
/// one window per batch) and a window may sit at any position, the last row and column included.
/// Queries counts every forward pass per image, the start included.
/// </summary>
public sealed class SquareAttack(SquareSettings settings) : IAdversarialAttack
{
    public SquareSettings Settings { get; } = settings.Validated();

    public string Key => "square";

    public string Description => string.Create(CultureInfo.InvariantCulture, $"Square {Settings.Queries} queries ε {Settings.Epsilon}");

    public double Epsilon => Settings.Epsilon;

    /// <summary>
    /// p at a (0-based) query for a budget of <paramref name="queries"/>: the paper's schedule for 10,000 queries, rescaled to
    /// the budget — p_init halved after 10, 50, 200, 500, 1,000, 2,000, 4,000, 6,000 and 8,000 (of 10,000) queries.
    /// </summary>
    public static double SquareFraction(int iteration, int queries, double initialFraction)
    {
        var at = (int)((double)iteration / queries * 10000);
        int[] bounds = [10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000];
        var halvings = bounds.Count(b => at > b);
        return initialFraction / (1 << halvings);
    }

    /// <summary>The side of the square window at a query for images of <paramref name="height"/> × <paramref name="width"/> pixels.</summary>
    public static int Side(int iteration, int queries, double initialFraction, int height, int width)
    {
        var p = SquareFraction(iteration, queries, initialFraction);
        var side = Math.Max((int)Math.Round(Math.Sqrt(p * height * width), MidpointRounding.ToEven), 1);
        return Math.Min(side, Math.Min(height, width));
    }

    public Tensor Perturb(Func<Tensor, Tensor> logitsOf, Tensor x, Tensor labels, Generator generator,
        Action<double>? progress = null, CancellationToken cancel = default)
    {
        if (x.dim() != 4) throw new ArgumentException($"Square Attack takes images [N, C, H, W], got [{string.Join(", ", x.shape)}]");
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var origin = x.detach();
        long n = origin.shape[0], channels = origin.shape[1], height = origin.shape[2], width = origin.shape[3];
        using var epsilon = Settings.Epsilon.ToScalar();
        using var twoEpsilon = (2 * Settings.Epsilon).ToScalar();
        using var zero = 0.0.ToScalar();
        using var one = 1.ToScalar();
        using var two = 2.ToScalar();
        var lower = origin.sub(epsilon).clamp_min(ZeroReal);
        var upper = origin.Plus(epsilon).clamp_max(OneReal);

        Tensor RandomSigns(long[] shape) => torch.randint(0, 2, shape, dtype: origin.dtype, device: origin.device, generator: generator).mul_(two).sub_(one);
        var best = torch.minimum(torch.maximum(origin.Plus(RandomSigns([n, channels, 1, width]).mul(epsilon)), lower), upper);
        var margin = Robust.ClassMargin.Of(logitsOf(best), labels);
        var rows = Range(height, origin.device).reshape(1, 1, height, 1);
        var columns = Range(width, origin.device).reshape(1, 1, 1, width);

        for (var i = 0; i + 1 < Settings.Queries; i++)
        {
            cancel.ThrowIfCancellationRequested();
            using var step = torch.NewDisposeScope();
            var open = margin.gt(zero).nonzero().reshape(-1);
            var m = open.shape[0];
            if (m == 0) break;
            var side = Side(i, Settings.Queries, Settings.InitialFraction, (int)height, (int)width);
            var top = torch.randint(0, height - side + 1, [m, 1, 1, 1], device: origin.device, generator: generator);
            var left = torch.randint(0, width - side + 1, [m, 1, 1, 1], device: origin.device, generator: generator);
            using var sideLength = side.ToScalar();
            var window = rows.ge(top).logical_and(rows.lt(top.Plus(sideLength))).logical_and(columns.ge(left)).logical_and(columns.lt(left.Plus(sideLength)));
            var change = window.to(origin.dtype) * RandomSigns([m, channels, 1, 1]).mul(twoEpsilon);
            var proposal = torch.minimum(torch.maximum(best.index_select(0, open).Plus(change), lower.index_select(0, open)), upper.index_select(0, open));
            var proposed = Robust.ClassMargin.Of(logitsOf(proposal), labels.index_select(0, open));
            var kept = proposed.lt(margin.index_select(0, open));
            var hit = open.masked_select(kept);
            var rowsKept = kept.nonzero().reshape(-1);
            best.index_copy_(0, hit, proposal.index_select(0, rowsKept));
            margin.index_copy_(0, hit, proposed.index_select(0, rowsKept));
            if (progress is not null && (i + 2) % 100 == 0) progress((i + 2.0) / Settings.Queries);
        }
        return best.MoveToOuterDisposeScope();
    }
}
