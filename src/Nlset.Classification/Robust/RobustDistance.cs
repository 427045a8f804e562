using Nlset.Geometry;
using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Classification.Robust;

/// <summary>The distance d(x, S) of Eq. 12 between an example and its boundary sample p(θ).</summary>
public enum RobustDistance
{
    /// <summary>The paper's ρ(x, p) = |x_{i*} − p_{i*}|, i* = argmax_i |∂F/∂x_i(p)|: the coordinate of fastest movement (§3.2).</summary>
    Coordinate,
    /// <summary>‖x − p‖₂, for L2 robustness and low-dimensional demos.</summary>
    Euclidean,
}

public static class RobustDistances
{
    public static string Key(this RobustDistance d) => d == RobustDistance.Coordinate ? "coordinate" : "l2";

    public static RobustDistance Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "coordinate" or "rho" or "ρ" => RobustDistance.Coordinate,
        "l2" or "euclidean" => RobustDistance.Euclidean,
        _ => throw new InvalidInputException($"unknown distance '{text}' (expected coordinate or l2)"),
    };

    /// <summary>
    /// d(x_j, p_j(θ)) per row [N], differentiable through <paramref name="samples"/> p(θ).
    /// </summary>
    /// <param name="examples">x [N, ...] (constants).</param>
    /// <param name="samples">p(θ) [N, ...], from the sample network.</param>
    /// <param name="gradients">∂F/∂x at p(θ0) [N, ...] or [N, 1, d] (constants): chooses i* for <see cref="RobustDistance.Coordinate"/>.</param>
    public static Tensor Between(this RobustDistance distance, Tensor examples, Tensor samples, Tensor gradients)
    {
        var n = examples.shape[0];
        using var scope = torch.NewDisposeScope();
        var difference = examples.detach().reshape(n, -1) - samples.reshape(n, -1);
        var result = distance switch
        {
            RobustDistance.Coordinate => difference.gather(1, gradients.detach().reshape(n, -1).abs().argmax(1, keepdim: true)).squeeze(1).abs(),
            RobustDistance.Euclidean => difference.Squared().sum(1).sqrt(),
            _ => throw new ArgumentOutOfRangeException(nameof(distance)),
        };
        return result.MoveToOuterDisposeScope();
    }
}
