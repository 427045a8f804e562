namespace Nlset.Rendering.Scene;

/// <summary>What a layer of the scene is drawn as, which decides its colour (see <see cref="Raster.LightRig"/>).</summary>
public enum Material : byte
{
    /// <summary>Nothing drawn (background).</summary>
    None = 0,
    /// <summary>A mesh's triangles.</summary>
    Surface = 1,
    /// <summary>Polylines, drawn as tubes.</summary>
    Curve = 2,
    /// <summary>A point cloud on its own, drawn as splats.</summary>
    Points = 3,
    /// <summary>A point cloud drawn over a mesh or curve (the input of a reconstruction), in a contrasting colour.</summary>
    Overlay = 4,
}
