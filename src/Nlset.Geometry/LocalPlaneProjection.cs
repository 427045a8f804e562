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

    const int BlockPoints = 1 << 16;

    public static Vector3d[] Apply(IReadOnlyList<Vector3d> cloud, int neighbours = DefaultNeighbours, KdTree? tree = null)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbours, 3);
        if (cloud.Count < neighbours)
            throw new InvalidInputException($"a plane fit needs at least {neighbours} points, got {cloud.Count}");
        var points = cloud as Vector3d[] ?? cloud.ToArray();
        tree ??= new KdTree(points);
        var projected = new Vector3d[points.Length];
        // A block of points at a time: the neighbour lists of a whole 10 M-point scan would take 1.9 GB.
        int block = Math.Min(points.Length, BlockPoints);
        var indices = new int[block * neighbours];
        var distances = new double[block * neighbours];
        for (int start = 0; start < points.Length; start += block)
        {
            int count = Math.Min(block, points.Length - start);
            tree.KNearest(points.AsMemory(start, count), neighbours, indices, distances);
            int first = start;
            Parallel.For(0, count, j =>
            {
                int i = first + j;
                var plane = NeighbourhoodPlane.Fit(points, indices.AsSpan(j * neighbours, neighbours));
                var offset = Vector3d.Dot(points[i] - plane.Centroid, plane.Normal);
                projected[i] = points[i] - offset * plane.Normal;
            });
        }
        return projected;
    }
}
