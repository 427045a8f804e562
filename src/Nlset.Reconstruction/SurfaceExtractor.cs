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

    /// <summary>How to mesh: the grid, the level (in the network's normalised units), and which components to drop.</summary>
    /// <param name="Support">When given, components the (normalised) data does not support are dropped too (<see cref="UnsupportedComponents"/>).</param>
    public sealed record Settings(int Resolution, double Level = 0, double MinComponentArea = DefaultMinComponentArea, DataSupport? Support = null);

    /// <summary>The mesh (in the input's coordinates), the marching-cubes figures, and how many components were dropped.</summary>
    public sealed record Result(Mesh Mesh, MarchingCubesStatistics Statistics, int RemovedSmall, int RemovedUnsupported);

    /// <summary>The zero level set at <paramref name="resolution"/>, blobs dropped.</summary>
    public static Result Extract(ImplicitNetwork network, Normalization normalization, int resolution) =>
        Extract(network, normalization, new Settings(resolution));

    public static Result Extract(ImplicitNetwork network, Normalization normalization, Settings settings)
    {
        var half = ReconstructionSettings.BoxHalfSize;
        var box = new BoundingBox(new Vector3d(-half, -half, -half), new Vector3d(half, half, half));
        var options = new MarchingCubesOptions { Resolution = settings.Resolution, IsoValue = settings.Level, Sparse = settings.Resolution > 64 };
        var result = MarchingCubes.Extract(NetworkField.Of(network), box, options);
        var (mesh, removed) = MeshComponents.RemoveSmall(result.Mesh, settings.MinComponentArea);
        int unsupported = 0;
        if (settings.Support is { } support)
            (mesh, unsupported, _) = UnsupportedComponents.Remove(mesh, support.Data, support.Tolerance, support.MinSupportedShare);
        return new Result(normalization.Invert(mesh), result.Statistics, removed, unsupported);
    }
}
