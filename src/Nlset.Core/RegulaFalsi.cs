using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Core;

/// <summary>
/// Batched false-position (regula falsi) zero finding of a scalar field along segments a → b whose ends have opposite
/// signs — the paper's alternative to Newton projection for classifiers (§2.1, §3.2): the zero between an example and
/// a PGD point of the other class. Illinois variant: when the same end is kept twice in a row, the other end's value
/// is halved, which turns plain regula falsi's linear (and sometimes very slow) convergence superlinear.
/// Runs without a graph; a point stops when |F| &lt; <see cref="Tolerance"/>.
/// </summary>
public sealed class RegulaFalsi
{
    /// <param name="tolerance">Stop a segment when |F| is below this (reference code: 1e-5).</param>
    /// <param name="maxIterations">Interpolation steps per segment at most.</param>
    /// <param name="chunkSize">Segments per batched evaluation.</param>
    public RegulaFalsi(double tolerance = 1e-5, int maxIterations = 20, int chunkSize = 16384)
    {
        if (!(tolerance > 0) || double.IsInfinity(tolerance))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "must be a positive number");
        ArgumentOutOfRangeException.ThrowIfNegative(maxIterations);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        Tolerance = tolerance;
        MaxIterations = maxIterations;
        ChunkSize = chunkSize;
    }

    public double Tolerance { get; }
    public int MaxIterations { get; }
    public int ChunkSize { get; }

    /// <summary>Zeros of <paramref name="field"/> (points [n, ...] → [n] or [n, 1]) on the segments a[i] → b[i].</summary>
    public SegmentZeros Solve(Func<Tensor, Tensor> field, Tensor a, Tensor b) => Solve((p, _) => field(p), a, b);

    /// <summary>
    /// As <see cref="Solve(Func{Tensor, Tensor}, Tensor, Tensor)"/> for a field that needs the row indices [n] (int64,
    /// into a and b) of the points it is evaluated at, e.g. to look up each example's label.
    /// </summary>
    public SegmentZeros Solve(Func<Tensor, Tensor, Tensor> fieldOfRows, Tensor a, Tensor b)
    {
        if (a.dim() < 2 || !a.shape.SequenceEqual(b.shape))
            throw new ArgumentException(
                $"segment ends must be two [N, ...] tensors of the same shape, got [{string.Join(", ", a.shape)}] and [{string.Join(", ", b.shape)}]");
        var n = a.shape[0];
        if (n == 0) throw new ArgumentException("no segments to search");

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var parts = new List<Tensor[]>();
        for (long start = 0; start < n; start += ChunkSize)
        {
            var length = Math.Min(ChunkSize, n - start);
            parts.Add(SolveChunk(fieldOfRows, a.narrow(0, start, length).detach(), b.narrow(0, start, length).detach(), start));
        }
        Tensor Join(int k) => parts.Count == 1 ? parts[0][k] : torch.cat(parts.Select(p => p[k]).ToArray(), 0);
        return new SegmentZeros(Join(0).MoveToOuterDisposeScope(), Join(1).MoveToOuterDisposeScope(),
            Join(2).MoveToOuterDisposeScope(), Join(3).MoveToOuterDisposeScope(), Join(4).MoveToOuterDisposeScope());
    }

    Tensor[] SolveChunk(Func<Tensor, Tensor, Tensor> fieldOfRows, Tensor a, Tensor b, long firstRow)
    {
        var n = a.shape[0];
        using var tolerance = Tolerance.ToScalar();
        var rows = Range(firstRow, firstRow + n, a.device);
        var direction = b - a;
        Tensor Along(Tensor t) => a.Plus(t.view(new[] { n }.Concat(Enumerable.Repeat(1L, (int)a.dim() - 1)).ToArray()) * direction);
        Tensor Evaluate(Tensor points) => InputJacobian.AsRows(fieldOfRows(points, rows), n).squeeze(1);

        var fa = Evaluate(a).clone();                 // updated in place below
        var fb = Evaluate(b).clone();
        if (fa.shape.Length != 1) throw new ArgumentException("regula falsi needs a scalar field");
        var bracketed = (fa * fb) <= Zero;
        var left = torch.zeros_like(fa);
        var right = torch.ones_like(fa);
        // The running estimate starts at the better end; unbracketed segments keep it and are reported unconverged.
        var aBetter = fa.abs() <= fb.abs();
        var t = torch.where(aBetter, left, right);
        var ft = torch.where(aBetter, fa, fb);
        var side = torch.zeros(n, dtype: ScalarType.Int32, device: a.device);     // −1: right end replaced last, +1: left end

        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            using var step = torch.NewDisposeScope();
            var active = bracketed.logical_and(ft.abs() >= tolerance);
            if (!active.any().item<bool>()) break;
            var denominator = fb - fa;
            var next = ((left * fb - right * fa) / torch.where(denominator == Zero, torch.ones_like(denominator), denominator))
                .clamp(ZeroReal, OneReal);
            next = torch.where(active, next, t);
            var fNext = torch.where(active, Evaluate(Along(next)), ft);

            // fNext has the sign of the right end: the zero lies in [left, next]; replace the right end.
            var replaceRight = active.logical_and(fNext * fb > Zero);
            var replaceLeft = active.logical_and(replaceRight.logical_not()).logical_and(fNext * fa > Zero);
            var halveLeft = replaceRight.logical_and(side == MinusOne);
            var halveRight = replaceLeft.logical_and(side == One);
            var newFa = torch.where(replaceLeft, fNext, torch.where(halveLeft, fa / Two, fa));
            var newFb = torch.where(replaceRight, fNext, torch.where(halveRight, fb / Two, fb));
            left.copy_(torch.where(replaceLeft, next, left));
            right.copy_(torch.where(replaceRight, next, right));
            fa.copy_(newFa);
            fb.copy_(newFb);
            side.copy_(torch.where(replaceRight, torch.full_like(side, MinusOne),
                torch.where(replaceLeft, torch.full_like(side, One), side)));
            t.copy_(next);
            ft.copy_(fNext);
        }
        var converged = ft.abs() < tolerance;
        return new[] { Along(t), ft, t, converged, bracketed };
    }
}
