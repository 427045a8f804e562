using System.Diagnostics;
using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.Meshing;
using Nlset.Geometry.Spatial;

namespace Nlset.Reconstruction;

/// <summary>What one reconstruction produced: the mesh in the input's coordinates and everything needed to report on it.</summary>
public sealed record ReconstructionOutcome(
    Mesh Mesh,
    TrainingResult Training,
    MarchingCubesStatistics Extraction,
    TimeSpan ExtractionTime,
    Normalization Normalization,
    int RemovedComponents = 0,
    DenoisingDecision? Denoising = null,
    int RemovedUnsupportedComponents = 0,
    RefinementOutcome? Refinement = null);

/// <summary>
/// The whole job behind `nlset reconstruct`: check and normalise the cloud, denoise it if its noise estimate says so,
/// train the network with Eq. 13, mesh its zero level set, drop the pieces too small or not supported by the data, map
/// the mesh back to the input's coordinates, and on a clean cloud move it onto the data's MLS surface (<see cref="SurfaceRefinement"/>).
/// </summary>
public static class SurfaceReconstruction
{
    /// <summary>Fewer points than this cannot describe a surface; more is better.</summary>
    public const int MinimumPoints = 10;

    /// <summary>The points of <paramref name="input"/> (a cloud, or a mesh's vertices), checked for use.</summary>
    /// <param name="shape">What the points are to describe, for messages: "surface" or "curve".</param>
    public static Vector3d[] CloudOf(Mesh input, string source, string shape = "surface")
    {
        var points = input.Vertices;
        if (points.Length == 0) throw new InvalidInputException($"{source}: the point cloud is empty");
        if (points.Length < MinimumPoints)
            throw new InvalidInputException($"{source}: {points.Length} point{(points.Length == 1 ? "" : "s")} cannot describe a {shape} (at least {MinimumPoints} are needed)");
        for (int i = 0; i < points.Length; i++)
            if (!points[i].IsFinite) throw new InvalidInputException($"{source}: vertex {i} has a non-finite coordinate {points[i]}");
        var box = BoundingBox.Of(points);
        if (!(box.LargestSide > 0)) throw new InvalidInputException($"{source}: all {points.Length} points are identical");
        return points;
    }

    /// <summary>
    /// The cloud a surface trains on: normalised, and moved onto its neighbours' planes when the settings or the
    /// cloud's noise estimate say so (the decision says which and why).
    /// </summary>
    public static (PreparedCloud Cloud, DenoisingDecision Denoising) Prepare(Vector3d[] cloud, Normalization normalization, ReconstructionSettings settings)
    {
        var (normalised, denoising) = InputDenoising.Apply(normalization.ApplyAll(cloud), settings.DenoiseNeighbours);
        return (new PreparedCloud(normalised), denoising);
    }

    /// <summary>Trains <paramref name="network"/> (new, or resumed) on the cloud and extracts its zero level set.</summary>
    public static ReconstructionOutcome Run(Vector3d[] cloud, ReconstructionSettings settings, ImplicitNetwork network,
        Normalization normalization, IProgress<TrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        var (trainingCloud, denoising) = Prepare(cloud, normalization, settings);
        return Run(trainingCloud, denoising, settings, network, normalization, progress, cancel);
    }

    /// <summary>Trains on a cloud made by <see cref="Prepare"/> and extracts the zero level set.</summary>
    /// <param name="checkpoints">Where the training saves its state now and then (see <see cref="LevelSetTrainer.Train"/>).</param>
    /// <param name="resume">The state of an unfinished training to continue.</param>
    public static ReconstructionOutcome Run(PreparedCloud trainingCloud, DenoisingDecision denoising, ReconstructionSettings settings,
        ImplicitNetwork network, Normalization normalization, IProgress<TrainingProgress>? progress = null, CancellationToken cancel = default,
        TrainingCheckpoints? checkpoints = null, TrainingState? resume = null)
    {
        var training = new LevelSetTrainer(settings).Train(trainingCloud, network, progress, cancel, checkpoints, resume);
        var clock = Stopwatch.StartNew();
        SurfaceExtractor.DataSupport? support = null;
        if (settings.MinSupportedShare > 0)
        {
            support = new(trainingCloud.Tree, UnsupportedComponents.DefaultToleranceSpacings * trainingCloud.Spacing, settings.MinSupportedShare);
        }
        var extraction = SurfaceExtractor.Extract(network, normalization,
            new SurfaceExtractor.Settings(settings.Resolution, 0, settings.MinComponentArea, support));
        var extractionTime = clock.Elapsed;
        var (mesh, refinement) = SurfaceRefinement.Applies(settings.Refinement, denoising)
            ? SurfaceRefinement.Apply(extraction.Mesh, trainingCloud, normalization)
            : (extraction.Mesh, RefinementOutcome.NotApplied);
        return new ReconstructionOutcome(mesh, training, extraction.Statistics, extractionTime, normalization,
            extraction.RemovedSmall, denoising, extraction.RemovedUnsupported, refinement);
    }
}
