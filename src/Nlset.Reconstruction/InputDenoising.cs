using Nlset.Geometry;
using Nlset.Geometry.Spatial;

namespace Nlset.Reconstruction;

/// <summary>
/// Whether to move a cloud's points onto their neighbours' planes before training (<see cref="LocalPlaneProjection"/>),
/// decided by the cloud's own noise estimate (<see cref="PointCloudNoise"/>). Measured at the default settings
/// (docs/reconstruction.md): on noisy clouds (Gaussian σ = 0.25 % of the size) it cuts the exact surface error of the
/// bunny from 1.53 to 1.08 ×10⁻³ and of the camel to 1.04, well under screened Poisson's 1.50 / 1.53; on clean ones it
/// rounds the facets the network would otherwise follow (bunny 0.47 → 0.73), so clean clouds are used as they are.
/// The roughness separates the two: 0.02–0.05 on clean samples of the bunny and camel, 0.15–0.36 on noisy ones.
/// </summary>
public static class InputDenoising
{
    /// <summary>Roughness (median off-plane / in-plane spread of 16 neighbours) from which a cloud counts as noisy.</summary>
    public const double NoisyRoughness = 0.1;

    /// <summary>Neighbours per plane when a noisy cloud is denoised.</summary>
    public const int Neighbours = LocalPlaneProjection.DefaultNeighbours;

    /// <summary>
    /// The points to train on and what was decided: <paramref name="setting"/> null decides by the noise estimate,
    /// 0 keeps the points, k &gt; 0 projects onto the planes of k neighbours.
    /// </summary>
    /// <param name="tree">A k-d tree already built on <paramref name="normalisedCloud"/> (null: one is built).</param>
    public static (Vector3d[] Points, DenoisingDecision Decision) Apply(Vector3d[] normalisedCloud, int? setting, KdTree? tree = null)
    {
        // One tree serves the estimate and the projection: both ask for neighbours in the same cloud.
        tree ??= new KdTree(normalisedCloud);
        var noise = normalisedCloud.Length >= PointCloudNoise.DefaultNeighbours ? PointCloudNoise.Estimate(normalisedCloud, tree: tree) : null;
        int neighbours = setting ?? (noise is { Roughness: >= NoisyRoughness } ? Neighbours : 0);
        if (neighbours > normalisedCloud.Length) neighbours = 0;
        var points = neighbours > 0 ? LocalPlaneProjection.Apply(normalisedCloud, neighbours, tree) : normalisedCloud;
        return (points, new DenoisingDecision(noise, neighbours, Automatic: setting is null));
    }
}

/// <summary>
/// The cloud's noise estimate (null for fewer than 16 points) and the neighbours each point was projected with (0: none);
/// and, when the cloud was thinned before (<see cref="ReconstructionSettings.MaxPoints"/>), how.
/// </summary>
public sealed record DenoisingDecision(PointCloudNoise? Noise, int Neighbours, bool Automatic, CloudThinning? Thinning = null);

/// <summary>
/// A cloud of <paramref name="InputPoints"/> thinned to <paramref name="Points"/>: a random subset (noisy clouds), or the
/// centroids of voxels of side <paramref name="VoxelSide"/> (clean ones; in the normalised units, a share of the largest side).
/// </summary>
public sealed record CloudThinning(int InputPoints, int Points, string Method, double VoxelSide)
{
    public const string RandomSubset = "random subset", VoxelCentroids = "voxel centroids";
}
