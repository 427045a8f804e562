using static TorchSharp.torch;

namespace Nlset.Core;

/// <summary>
/// Zeros of a scalar field found by <see cref="RegulaFalsi"/> on segments a + t (b − a). Detached tensors owned by the
/// dispose scope current at the call (or by this object: dispose it).
/// </summary>
public sealed class SegmentZeros : IDisposable
{
    internal SegmentZeros(Tensor points, Tensor values, Tensor parameters, Tensor converged, Tensor bracketed)
    {
        Points = points;
        Values = values;
        Parameters = parameters;
        Converged = converged;
        Bracketed = bracketed;
    }

    /// <summary>The best point found on each segment, shape of a [N, ...].</summary>
    public Tensor Points { get; }
    /// <summary>F at <see cref="Points"/>, [N].</summary>
    public Tensor Values { get; }
    /// <summary>t ∈ [0, 1] of each point along its segment, [N].</summary>
    public Tensor Parameters { get; }
    /// <summary>[N] bool: |F| fell below the tolerance.</summary>
    public Tensor Converged { get; }
    /// <summary>[N] bool: F(a) and F(b) had opposite signs (or one was 0), so a zero was guaranteed on the segment.</summary>
    public Tensor Bracketed { get; }

    public void Dispose()
    {
        Points.Dispose();
        Values.Dispose();
        Parameters.Dispose();
        Converged.Dispose();
        Bracketed.Dispose();
    }
}
