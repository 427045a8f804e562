using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Reconstruction;

/// <summary>
/// Starting points of the samples of one training step (method.md §2, after the reference code): zero-level starts
/// are input points perturbed by N(0, σ_z²) plus a fraction uniform in the box (so that spurious parts of the level
/// set far from the data are found and pulled in); general-level samples are input points perturbed by each of the
/// level spreads. Draws from torch's global generator, which <see cref="Nlset.Core.Seeding"/> seeds.
/// </summary>
public sealed class ReconstructionSampler(ReconstructionSettings settings)
{
    /// <summary>Zero-level starting points for a batch x [B, 3]: B points.</summary>
    public Tensor ZeroLevelStarts(Tensor batch)
    {
        long b = batch.shape[0];
        long uniform = (long)Math.Round(b * settings.UniformFraction);
        var near = batch.narrow(0, 0, b - uniform);
        using var sigma = settings.ZeroLevelSigma.ToScalar();
        var perturbed = near.Plus(torch.randn_like(near) * sigma);
        if (uniform == 0) return perturbed;
        var box = UniformInBox(uniform, batch.dtype, batch.device);
        return torch.cat([perturbed, box], 0);
    }

    /// <summary>
    /// <paramref name="count"/> points uniform in the box [−h, h]³ of <see cref="ReconstructionSettings.BoxHalfSize"/>:
    /// (U[0, 1) · 2 − 1) · h, from torch's generator.
    /// </summary>
    public static Tensor UniformInBox(long count, ScalarType? dtype = null, Device? device = null) =>
        (torch.rand(count, 3, dtype: dtype, device: device) * Two - One) * BoxHalfSize;

    static readonly Scalar BoxHalfSize = ReconstructionSettings.BoxHalfSize;

    /// <summary>General-level samples for a batch x [B, 3]: B points, split evenly over the level spreads.</summary>
    public Tensor GeneralLevelPoints(Tensor batch)
    {
        long b = batch.shape[0];
        var sigmas = settings.LevelSigmas;
        var parts = new Tensor[sigmas.Length];
        long start = 0;
        for (int i = 0; i < sigmas.Length; i++)
        {
            long end = b * (i + 1) / sigmas.Length;
            var slice = batch.narrow(0, start, end - start);
            using var sigma = sigmas[i].ToScalar();
            parts[i] = slice.Plus(torch.randn_like(slice) * sigma);
            start = end;
        }
        return torch.cat(parts, 0);
    }
}
