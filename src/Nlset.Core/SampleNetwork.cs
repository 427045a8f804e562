using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Core;

/// <summary>
/// The sample network (Eq. 9): level-set samples p with levels c, tied to the weights θ by
/// p(θ) = p − DxF(p; θ0)^† [F(p; θ) − c], where p, c and DxF(p; θ0)^† are constants. At θ = θ0 its value is p, and
/// its derivative with respect to θ is the minimal-norm solution −DxF^† DθF of Eq. 7 (Eq. 8), so a loss on p(θ)
/// moves the level set. It costs one extra forward of F on the samples and O(d) memory per sample.
/// Its tensors belong to the dispose scope current at construction (or to this object, if there was none: dispose it).
/// </summary>
public sealed class SampleNetwork : IDisposable
{
    /// <param name="points">Samples p [N, ...] (detached here).</param>
    /// <param name="pseudoInverse">DxF(p; θ0)^† [N, d, l] (detached here), see <see cref="JacobianPseudoInverse"/>.</param>
    /// <param name="levels">The levels c [N, l] or [N] (l = 1) the samples sit on; use F(p; θ0) for points that did not converge.</param>
    public SampleNetwork(Tensor points, Tensor pseudoInverse, Tensor levels)
    {
        var n = points.shape[0];
        var d = points.numel() / Math.Max(n, 1);
        if (points.dim() < 2) throw new ArgumentException($"points must be [N, ...], got [{string.Join(", ", points.shape)}]");
        if (pseudoInverse.dim() != 3 || pseudoInverse.shape[0] != n || pseudoInverse.shape[1] != d || pseudoInverse.shape[2] is not (1 or 2))
            throw new ArgumentException(
                $"pseudo-inverse must be [{n}, {d}, l] with l = 1 or 2, got [{string.Join(", ", pseudoInverse.shape)}]");
        var l = pseudoInverse.shape[2];
        var levelsShape = levels.dim() == 1 ? new[] { levels.shape[0], 1L } : levels.shape;
        if (levelsShape.Length != 2 || levelsShape[0] != n || levelsShape[1] != l)
            throw new ArgumentException($"levels must be [{n}, {l}]{(l == 1 ? $" or [{n}]" : "")}, got [{string.Join(", ", levels.shape)}]");
        Points = points.detach();
        PseudoInverse = pseudoInverse.detach();
        using var shaped = levels.view(levelsShape);
        Levels = shaped.detach();
    }

    /// <summary>Samples, their levels and pseudo-inverses from a projection (levels = the values actually reached).</summary>
    public static SampleNetwork Of(LevelSetProjection projection)
    {
        using var pseudoInverse = JacobianPseudoInverse.Of(projection.Jacobian);
        return new SampleNetwork(projection.Points, pseudoInverse, projection.Values);
    }

    public Tensor Points { get; }
    public Tensor PseudoInverse { get; }
    public Tensor Levels { get; }
    public int Count => (int)Points.shape[0];

    /// <summary>
    /// p(θ) [N, ...] (the points' shape): one forward of <paramref name="field"/> on the samples, with the graph to θ.
    /// </summary>
    /// <param name="field">The same field the samples were projected with, now at the current θ: points → [N] or [N, l].</param>
    public Tensor Forward(Func<Tensor, Tensor> field)
    {
        var n = Points.shape[0];
        using var scope = torch.NewDisposeScope();
        var values = InputJacobian.AsRows(field(Points), n);
        if (values.shape[1] != Levels.shape[1])
            throw new ArgumentException($"the field has {values.shape[1]} outputs but the samples were made for {Levels.shape[1]}");
        var correction = PseudoInverse.bmm((values - Levels).unsqueeze(2)).squeeze(2);      // [N, d]
        return (Points.reshape(n, -1) - correction).view(Points.shape).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        Points.Dispose();
        PseudoInverse.Dispose();
        Levels.Dispose();
    }
}
