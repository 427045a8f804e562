using Nlset.Geometry.Spatial;

namespace Nlset.Geometry;

/// <summary>
/// Denoises a cloud by moving every point onto the least-squares plane of its k nearest neighbours (the first step of
/// moving-least-squares surfaces, Alexa et al. 2001): the point keeps its place along the surface and loses its offset
/// across it, down to the plane's own uncertainty (about σ/√k) plus the curvature's sag over the neighbourhood.
/// </summary>
public static class LocalPlaneProjection
{
    public const int DefaultNeighbours = 16;

    public static Vector3d[] Apply(IReadOnlyList<Vector3d> cloud, int neighbours = DefaultNeighbours, KdTree? tree = null)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbours, 3);
        if (cloud.Count < neighbours)
            throw new InvalidInputException($"a plane fit needs at least {neighbours} points, got {cloud.Count}");
        var points = cloud as Vector3d[] ?? cloud.ToArray();
        tree ??= new KdTree(points);
        var indices = new int[points.Length * neighbours];
        tree.KNearest(points, neighbours, indices, new double[points.Length * neighbours]);
        var projected = new Vector3d[points.Length];
        Parallel.For(0, points.Length, i =>
        {
            var plane = NeighbourhoodPlane.Fit(points, indices.AsSpan(i * neighbours, neighbours));
            var offset = Vector3d.Dot(points[i] - plane.Centroid, plane.Normal);
            projected[i] = points[i] - offset * plane.Normal;
        });
        return projected;
    }
}
