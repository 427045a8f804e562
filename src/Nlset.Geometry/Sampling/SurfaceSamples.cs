namespace Nlset.Geometry.Sampling;

/// <summary>
/// Points drawn from a surface or curve: each with the unit face normal of the triangle it lies on
/// (null for curves, which have no normal) and the element it came from — the triangle index in
/// the mesh, or for curves the segment index counted along the polylines in order.
/// </summary>
public sealed record SurfaceSamples(Vector3d[] Points, Vector3d[]? Normals, int[] Elements)
{
    public int Count => Points.Length;

    /// <summary>The samples as a point cloud with normals, ready to write or to compare.</summary>
    public Mesh ToPointCloud() => Mesh.PointCloud(Points, Normals);
}
