using Nlset.Core;
using Nlset.Geometry;

namespace Nlset.Reconstruction;

/// <summary>
/// The network `nlset reconstruct` trains when none is asked for: the reference code's shape (ReLU MLP with the input
/// again at the middle layer) at 4×256, which trains thousands of steps in minutes on a CPU, with Fourier features of
/// the input so that it can follow fine detail. How fine depends on the cloud: on clean samples six octaves cut the
/// bunny's exact surface error from 1.03 to 0.67 ×10⁻³, but on noisy ones they fit the noise (1.36 → 1.50) where four
/// do not (docs/reconstruction.md). <see cref="PointCloudNoise"/> tells the two apart: its roughness is 0.02–0.05 on
/// clean samples and 0.15–0.36 with noise of 0.25 % of the size, so the threshold sits between them.
/// </summary>
public static class SurfaceNetworkChoice
{
    /// <summary>Roughness (median off-plane / in-plane spread of 16 neighbours) from which a cloud counts as noisy.</summary>
    public const double NoisyRoughness = 0.1;

    public static readonly NetworkSpec Clean = NetworkSpec.Parse("4x256,r=0.4,fourier=6");
    public static readonly NetworkSpec Noisy = NetworkSpec.Parse("4x256,r=0.4,fourier=4");

    /// <summary>The network for a normalised cloud, and the noise estimate it was chosen by.</summary>
    public static (NetworkSpec Network, PointCloudNoise Noise) For(IReadOnlyList<Vector3d> normalisedCloud)
    {
        var noise = PointCloudNoise.Estimate(normalisedCloud);
        return (noise.Roughness < NoisyRoughness ? Clean : Noisy, noise);
    }
}
