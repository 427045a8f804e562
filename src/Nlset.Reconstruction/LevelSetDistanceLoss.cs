using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Reconstruction;

/// <summary>The two terms of the reconstruction loss (Eq. 13).</summary>
public static class LevelSetDistanceLoss
{
    /// <summary>Guards the gradient of the Euclidean norm at a sample that sits exactly on an input point.</summary>
    const double NormEpsilon = 1e-12;

    /// <summary>
    /// First term: mean over samples of | d(p(θ), X) − |c| |, with p(θ) the sample network's output [N, 3], the nearest
    /// input point of each sample [N, 3] (found on the detached position) and the level c [N] each sample sits on.
    /// </summary>
    public static Tensor Distance(Tensor movedSamples, Tensor nearestInputs, Tensor levels)
    {
        var d = (movedSamples - nearestInputs).square().sum(1).add(NormEpsilon).sqrt();
        return (d - levels.abs()).abs().mean();
    }

    /// <summary>Second term (before λ): mean_j |F(x_j; θ)| over input points, pulling the zero level set through the data.</summary>
    public static Tensor OnData(Tensor valuesAtInputs) => valuesAtInputs.abs().mean();
}
