using Nlset.Core;
using Nlset.Geometry;

namespace Nlset.Reconstruction;

/// <summary>What one curve reconstruction produced: the polylines in the input's coordinates and how they were made.</summary>
public sealed record CurveReconstructionOutcome(Mesh Curve, TrainingResult Training, CurveExtraction Extraction, Normalization Normalization);

/// <summary>
/// The job behind `nlset reconstruct --curve` (paper §3.3): normalise the cloud, train a two-output network with Eq. 13
/// for l = 2 and T = {0} (<see cref="LevelSetTrainer"/>), and extract {F₁ = 0} ∩ {F₂ = 0} as polylines
/// (<see cref="CurveExtractor"/>) in the input's coordinates.
/// </summary>
public static class CurveReconstruction
{
    /// <summary>
    /// The defaults for curves, chosen by measurement (docs/curves.md): a 4×256 network with two outputs whose initial
    /// zero set is a great circle of radius 0.4 (the cloud spans [−0.5, 0.5] on its largest side), T = {0}; 10 Newton
    /// steps per sample (the reference code's; with the surfaces' 3, only ~6 % of curve samples reached the curve and
    /// the trefoil came out as dozens of loops); batch 512 and 800 steps (a curve needs fewer samples than a surface,
    /// and longer runs fitted the noise, not the curve). Judged by the data (<see cref="CurveExtractor"/>), 800 steps
    /// score like 1,000 in 20 % less time (trefoil seeds 0–2: 0.462 / 0.523 / 0.484 % against 0.482 / 0.616 / 0.467 %;
    /// helix seeds 0–1: 0.556 / 0.682 % against 0.594 / 0.573 %; every curve whole), ~60 s on one busy core; 600
    /// steps were still whole but one trefoil seed scored 0.814 %.
    /// </summary>
    public static ReconstructionSettings DefaultSettings { get; } = new()
    {
        Network = NetworkSpec.Parse("4x256,out=2,r=0.4"),
        Levels = LevelSchedule.ZeroOnly,
        Iterations = 800,
        BatchSize = 512,
        NewtonIterations = 10,
    };

    public static CurveReconstructionOutcome Run(Vector3d[] cloud, ReconstructionSettings settings, CurveExtractionSettings extraction,
        ImplicitNetwork network, Normalization normalization, IProgress<TrainingProgress>? progress = null, CancellationToken cancel = default,
        TrainingCheckpoints? checkpoints = null, TrainingState? resume = null)
    {
        extraction.Validated();
        if (network.Spec.Outputs != 2) throw new InvalidInputException($"a curve needs a network with 2 outputs, got {network.Spec}");
        var normalised = normalization.ApplyAll(cloud);
        var training = new LevelSetTrainer(settings with { Network = network.Spec }).Train(normalised, network, progress, cancel, checkpoints, resume);
        var curve = CurveExtractor.Extract(network, normalization, extraction, normalised);
        return new CurveReconstructionOutcome(curve.Curve, training, curve, normalization);
    }
}
