using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Core;

/// <summary>
/// Samples the level set {F = c} of a field F: R^d → R^l (l = 1 or 2) by generalized Newton iterations with θ frozen
/// (Eq. 4): p ← p − DxF(p)^† (F(p) − c), DxF^† from <see cref="JacobianPseudoInverse"/> (Eq. 5 for l = 1).
/// A point stops when |F − c| (l = 1) or ‖F − c‖₂ (l = 2) is below <see cref="Tolerance"/>, or after
/// <see cref="MaxIterations"/> steps; then it keeps its last position (paper §2.1). Only the points still moving are
/// evaluated, one chunk of at most <see cref="ChunkSize"/> points at a time, each iteration in its own dispose scope,
/// so memory is bounded by the chunk, not by N.
/// </summary>
public sealed class LevelSetProjector
{
    /// <param name="tolerance">Stop a point when its residual is below this (paper/reference code: 1e-5).</param>
    /// <param name="maxIterations">Newton steps per point at most (reference code: 10 for reconstruction); 0 only evaluates F and DxF.</param>
    /// <param name="chunkSize">Points per batched evaluation.</param>
    public LevelSetProjector(double tolerance = 1e-5, int maxIterations = 10, int chunkSize = 16384)
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

    /// <summary>Projects points [N, ...] onto {F = level} (for l = 2, both channels onto the same level).</summary>
    /// <param name="field">Points [n, ...] → values [n] or [n, l]; a row's value may depend only on that row.</param>
    public LevelSetProjection Project(Func<Tensor, Tensor> field, Tensor points, double level = 0)
    {
        using var levels = torch.tensor(level, dtype: points.dtype, device: points.device);
        return Project((p, _) => field(p), points, levels);
    }

    /// <summary>Projects points [N, ...] onto per-point levels: [] (one for all), [N], or [N, l].</summary>
    public LevelSetProjection Project(Func<Tensor, Tensor> field, Tensor points, Tensor levels) =>
        Project((p, _) => field(p), points, levels);

    /// <summary>
    /// As <see cref="Project(Func{Tensor, Tensor}, Tensor, Tensor)"/> for a field that also needs to know which input
    /// rows it is evaluated at (e.g. a classifier margin that depends on each example's label): it is called with the
    /// points [n, ...] and their row indices [n] (int64, into the <paramref name="points"/> given here).
    /// </summary>
    public LevelSetProjection Project(Func<Tensor, Tensor, Tensor> fieldOfRows, Tensor points, Tensor levels)
    {
        if (points.dim() < 2)
            throw new ArgumentException($"points must be [N, ...] with at least one coordinate axis, got [{string.Join(", ", points.shape)}]");
        var n = points.shape[0];
        if (n == 0) throw new ArgumentException("no points to project");
        if (!points.is_floating_point()) throw new ArgumentException($"points must be floating point, got {points.dtype}");
        if (!(levels.dim() == 0 || levels.shape[0] == n && levels.dim() <= 2))
            throw new ArgumentException($"levels must be [], [{n}] or [{n}, l], got [{string.Join(", ", levels.shape)}]");

        using var scope = torch.NewDisposeScope();
        var rowLevels = levels.to(points.dtype, points.device);
        var chunks = new List<(Tensor Points, Tensor Values, Tensor Jacobian, Tensor Converged, Tensor Steps)>();
        for (long start = 0; start < n; start += ChunkSize)
        {
            var length = Math.Min(ChunkSize, n - start);
            var chunkLevels = rowLevels.dim() == 0 ? rowLevels : rowLevels.narrow(0, start, length);
            chunks.Add(ProjectChunk(fieldOfRows, points.narrow(0, start, length).detach(), chunkLevels, start));
        }
        Tensor Join(Func<(Tensor, Tensor, Tensor, Tensor, Tensor), Tensor> part) =>
            chunks.Count == 1 ? part(chunks[0]) : torch.cat(chunks.Select(part).ToArray(), 0);
        var result = (Points: Join(c => c.Item1), Values: Join(c => c.Item2), Jacobian: Join(c => c.Item3),
            Converged: Join(c => c.Item4), Steps: Join(c => c.Item5));
        return new LevelSetProjection(
            result.Points.MoveToOuterDisposeScope(), result.Values.MoveToOuterDisposeScope(),
            result.Jacobian.MoveToOuterDisposeScope(), result.Converged.MoveToOuterDisposeScope(),
            result.Steps.MoveToOuterDisposeScope());
    }

    (Tensor Points, Tensor Values, Tensor Jacobian, Tensor Converged, Tensor Steps) ProjectChunk(
        Func<Tensor, Tensor, Tensor> fieldOfRows, Tensor chunk, Tensor levels, long firstRow)
    {
        var n = chunk.shape[0];
        var device = chunk.device;
        var x = chunk.clone();                        // moved in place; the caller's tensor is left alone
        var flat = x.view(n, -1);                       // same storage, [n, d]
        using var tolerance = Tolerance.ToScalar();
        var rows = Range(firstRow, firstRow + n, device);
        var converged = torch.zeros(n, dtype: ScalarType.Bool, device: device);
        var steps = torch.zeros(n, dtype: ScalarType.Int64, device: device);
        Tensor? values = null, jacobian = null, target = null;
        var active = Range(n, device);

        for (var iteration = 0; ; iteration++)
        {
            using var step = torch.NewDisposeScope();
            var activeX = x.index_select(0, active);
            var (f, j) = InputJacobian.Evaluate(fieldOfRows, activeX, rows.index_select(0, active));
            if (values is null)
            {
                // First pass: every point is active, so these are the whole chunk's tensors.
                values = f.MoveToOuterDisposeScope();
                jacobian = j.MoveToOuterDisposeScope();
                target = ExpandLevels(levels, n, values.shape[1]).MoveToOuterDisposeScope();
            }
            else
            {
                values.index_copy_(0, active, f);
                jacobian!.index_copy_(0, active, j);
            }
            var residual = f - target!.index_select(0, active);
            var residualNorm = residual.shape[1] == 1 ? residual.abs().squeeze(1) : residual.norm(dim: 1);
            var done = residualNorm < tolerance;      // NaN residuals count as not converged
            converged.index_copy_(0, active, done);
            if (iteration == MaxIterations) break;

            var moving = done.logical_not().nonzero().squeeze(1);
            if (moving.numel() == 0) break;
            var newtonStep = JacobianPseudoInverse.Of(j.index_select(0, moving))
                .bmm(residual.index_select(0, moving).unsqueeze(2)).squeeze(2);
            // A non-finite step (from a non-finite F or DxF) would poison the point: keep it where it is instead.
            var finite = newtonStep.isfinite().all(1, keepdim: true);
            newtonStep = torch.where(finite, newtonStep, torch.zeros_like(newtonStep));
            var movingRows = active.index_select(0, moving);
            flat.index_copy_(0, movingRows, flat.index_select(0, movingRows) - newtonStep);
            steps.index_add_(0, movingRows, torch.ones_like(movingRows), One);
            active = movingRows.MoveToOuterDisposeScope();
        }
        return (x, values!, jacobian!, converged, steps);
    }

    static Tensor ExpandLevels(Tensor levels, long n, long outputs)
    {
        if (levels.dim() == 0) return levels.expand(n, outputs).contiguous();
        if (levels.dim() == 1) return levels.unsqueeze(1).expand(n, outputs).contiguous();
        if (levels.shape[1] != outputs)
            throw new ArgumentException($"levels have {levels.shape[1]} channels but the field has {outputs}");
        return levels.contiguous();
    }
}
