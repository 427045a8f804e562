using Nlset.Geometry;

namespace Nlset.Rendering.Scene;

/// <summary>One thing to draw: a mesh's triangles, its polylines, or its vertices as points, in one material.</summary>
public sealed record SceneLayer(Mesh Geometry, Material Material)
{
    /// <summary>How a mesh read from a file is drawn: triangles if it has any, else polylines, else its vertices as points.</summary>
    public static SceneLayer Of(Mesh mesh) => new(mesh,
        mesh.HasTriangles ? Material.Surface : mesh.HasPolylines ? Material.Curve : Material.Points);

    /// <summary>The input cloud drawn over a result.</summary>
    public static SceneLayer OverlayOf(Mesh cloud) => new(cloud, Material.Overlay);
}
