using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Reconstruction;

/// <summary>The two terms of the reconstruction loss (Eq. 13).</summary>
public static class LevelSetDistanceLoss
{
    /// <summary>Guards the gradient of the Euclidean norm at a sample that sits exactly on an input point.</summary>
    static readonly Scalar NormEpsilon = 1e-12;

    /// <summary>
    /// First term: mean over samples of | d(p(θ), X) − |c| |, with p(θ) the sample network's output [N, 3], the nearest
    /// input point of each sample [N, 3] (found on the detached position) and the level c each sample sits on: [N] for a
    /// surface (l = 1). For a curve (l = 2) the levels are [N, 2] and every sample is asked to lie on the data, |d(p(θ), X)|:
    /// a curve in R³ has no signed distance function for a level c ≠ 0 to stand for (paper §3.3), so only the zero level
    /// set is controlled (T = {0}), and a sample whose projection stopped short is pulled onto the data like the others.
    /// </summary>
    public static Tensor Distance(Tensor movedSamples, Tensor nearestInputs, Tensor levels)
    {
        var d = (movedSamples - nearestInputs).Squared().sum(1).Plus(NormEpsilon).sqrt();
        if (levels.dim() == 2 && levels.shape[1] == 2) return d.mean();
        if (levels.dim() != 1) throw new ArgumentException($"levels must be [N] (surface) or [N, 2] (curve), got [{string.Join(", ", levels.shape)}]");
        return (d - levels.abs()).abs().mean();
    }

    /// <summary>
    /// Second term (before λ): mean_j ‖F(x_j; θ)‖ over input points, pulling the zero level set through the data:
    /// |F| for a surface ([B] or [B, 1]), the Euclidean norm of (F₁, F₂) for a curve ([B, 2]).
    /// </summary>
    public static Tensor OnData(Tensor valuesAtInputs) =>
        valuesAtInputs.dim() == 2 && valuesAtInputs.shape[1] == 2
            ? valuesAtInputs.Squared().sum(1).Plus(NormEpsilon).sqrt().mean()
            : valuesAtInputs.abs().mean();
}
