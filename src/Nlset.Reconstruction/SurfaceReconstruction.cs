using System.Diagnostics;
using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.Meshing;
using Nlset.Geometry.Sampling;
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
    /// The cloud a surface trains on: normalised, thinned (a noisy cloud to a random subset, a clean one to voxel centroids)
    /// when it has more points than the settings' <see cref="ReconstructionSettings.MaxPoints"/>, and moved onto its
    /// neighbours' planes when the settings or the
    /// cloud's noise estimate say so (the decision says which and why).
    /// </summary>
    public static (PreparedCloud Cloud, DenoisingDecision Denoising) Prepare(Vector3d[] cloud, Normalization normalization, ReconstructionSettings settings)
    {
        var normalised = normalization.ApplyAll(cloud);
        if (settings.MaxPoints <= 0 || normalised.Length <= settings.MaxPoints)
        {
            var tree = new KdTree(normalised);
            var (points, denoising) = InputDenoising.Apply(normalised, settings.DenoiseNeighbours, tree);
            // A cloud used as it is keeps the tree the noise estimate was made with (a second build took 2 s at 10 M points).
            return (ReferenceEquals(points, normalised) ? new PreparedCloud(points, tree) : new PreparedCloud(points), denoising);
        }
        // A dense cloud: a random subset decides clean or noisy, as a sample of that size would. A noisy one trains on the
        // subset, denoised; a clean one on the centroids of every point's voxel, which spread more evenly (measured on the
        // 10 M-point bunny: 0.081 ×10⁻³ exact surface error against 0.104 for a 1 M sample). Voxel centroids of a noisy
        // cloud are no substitute: voxels thinner than the noise only quantise it (1.91 against 1.00).
        var subset = RandomSubset.Of(normalised, settings.MaxPoints, settings.Seed);
        var subsetTree = new KdTree(subset);
        var (subsetPoints, decision) = InputDenoising.Apply(subset, settings.DenoiseNeighbours, subsetTree);
        if (decision.Neighbours > 0)
            return (new PreparedCloud(subsetPoints), decision with { Thinning = new CloudThinning(normalised.Length, subset.Length, CloudThinning.RandomSubset, 0) });
        var centroids = VoxelGridFilter.ToAbout(normalised, settings.MaxPoints);
        return (new PreparedCloud(centroids.Points),
            decision with { Thinning = new CloudThinning(normalised.Length, centroids.Points.Length, CloudThinning.VoxelCentroids, centroids.Side) });
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
