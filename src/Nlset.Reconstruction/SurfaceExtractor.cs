using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.Meshing;

namespace Nlset.Reconstruction;

/// <summary>
/// Meshes a level set of a trained network with sparse narrow-band marching cubes over the training box, then maps
/// the mesh back to the input's coordinates.
/// </summary>
public static class SurfaceExtractor
{
    public static MarchingCubesResult Extract(ImplicitNetwork network, Normalization normalization, int resolution, double level = 0)
    {
        var half = ReconstructionSettings.BoxHalfSize;
        var box = new BoundingBox(new Vector3d(-half, -half, -half), new Vector3d(half, half, half));
        var options = new MarchingCubesOptions { Resolution = resolution, IsoValue = level, Sparse = resolution > 64 };
        var result = MarchingCubes.Extract(NetworkField.Of(network), box, options);
        return result with { Mesh = normalization.Invert(result.Mesh) };
    }
}
