using static TorchSharp.torch;

namespace Nlset.Core;

/// <summary>
/// The outcome of <see cref="LevelSetProjector.Project(Func{Tensor, Tensor}, Tensor, double)"/>: where each point
/// ended, the level it actually reached there (paper §2.1: points that did not converge are used with their own
/// level c_i = F(p_i)), and DxF at the final points — everything <see cref="SampleNetwork"/> needs. All tensors are
/// detached and belong to the dispose scope that was current when the projection was called (or to this object,
/// if there was none: dispose it).
/// </summary>
public sealed class LevelSetProjection : IDisposable
{
    internal LevelSetProjection(Tensor points, Tensor values, Tensor jacobian, Tensor converged, Tensor steps)
    {
        Points = points;
        Values = values;
        Jacobian = jacobian;
        Converged = converged;
        Steps = steps;
        Iterations = steps.numel() == 0 ? 0 : (int)steps.max().item<long>();
    }

    /// <summary>Final positions, same shape as the input points [N, ...].</summary>
    public Tensor Points { get; }
    /// <summary>F at <see cref="Points"/>, [N, l]: the level each point reached.</summary>
    public Tensor Values { get; }
    /// <summary>DxF at <see cref="Points"/>, [N, l, d] with d the number of coordinates per point (also for l = 1).</summary>
    public Tensor Jacobian { get; }
    /// <summary>[N] bool: |F − c| (l = 1) or ‖F − c‖₂ (l = 2) fell below the tolerance.</summary>
    public Tensor Converged { get; }
    /// <summary>[N] int64: Newton steps each point took.</summary>
    public Tensor Steps { get; }
    /// <summary>Newton steps of the slowest point (the number of batched iterations that moved anything).</summary>
    public int Iterations { get; }

    public int Count => (int)Points.shape[0];
    /// <summary>Number of output channels l of the field.</summary>
    public int Outputs => (int)Values.shape[1];
    public long ConvergedCount => Converged.sum().item<long>();

    public void Dispose()
    {
        Points.Dispose();
        Values.Dispose();
        Jacobian.Dispose();
        Converged.Dispose();
        Steps.Dispose();
    }
}
