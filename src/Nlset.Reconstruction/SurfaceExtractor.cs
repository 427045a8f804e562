using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.Meshing;
using Nlset.Geometry.Spatial;

namespace Nlset.Reconstruction;

/// <summary>
/// Meshes a level set of a trained network with sparse narrow-band marching cubes over the training box, then maps
/// the mesh back to the input's coordinates. Components smaller than a share of the total
/// area are dropped: a trained field can graze its level near the data and leave blobs of a cell or two (seen on the
/// camel: nine 8-triangle blobs beside a 165,000-triangle surface).
/// </summary>
public static class SurfaceExtractor
{
    /// <summary>The normalised data a mesh is judged against, and how (<see cref="UnsupportedComponents"/>).</summary>
    public sealed record DataSupport(KdTree Data, double Tolerance, double MinSupportedShare);

    /// <summary>Default share of the total area below which a component is a blob, not part of the shape.</summary>
    public const double DefaultMinComponentArea = 0.005;

    public static MarchingCubesResult Extract(ImplicitNetwork network, Normalization normalization, int resolution, double level = 0,
        double minComponentArea = DefaultMinComponentArea) =>
        Extract(network, normalization, resolution, level, minComponentArea, out _);

    public static MarchingCubesResult Extract(ImplicitNetwork network, Normalization normalization, int resolution, double level,
        double minComponentArea, out int removedComponents) =>
        Extract(network, normalization, resolution, level, minComponentArea, null, out removedComponents, out _);

    /// <param name="support">When given, components the (normalised) data does not support are dropped too
    /// (<see cref="UnsupportedComponents"/>); how many is <paramref name="removedUnsupported"/>.</param>
    public static MarchingCubesResult Extract(ImplicitNetwork network, Normalization normalization, int resolution, double level,
        double minComponentArea, DataSupport? support, out int removedComponents, out int removedUnsupported)
    {
        var half = ReconstructionSettings.BoxHalfSize;
        var box = new BoundingBox(new Vector3d(-half, -half, -half), new Vector3d(half, half, half));
        var options = new MarchingCubesOptions { Resolution = resolution, IsoValue = level, Sparse = resolution > 64 };
        var result = MarchingCubes.Extract(NetworkField.Of(network), box, options);
        var (mesh, removed) = MeshComponents.RemoveSmall(result.Mesh, minComponentArea);
        removedComponents = removed;
        removedUnsupported = 0;
        if (support != null)
            (mesh, removedUnsupported, _) = UnsupportedComponents.Remove(mesh, support.Data, support.Tolerance, support.MinSupportedShare);
        return result with { Mesh = normalization.Invert(mesh) };
    }
}
