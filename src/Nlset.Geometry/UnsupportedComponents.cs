using Nlset.Geometry.Spatial;

namespace Nlset.Geometry;

/// <summary>
/// Drops the pieces of a reconstructed mesh that the data does not support. A trained field can close a pocket of
/// space into a separate body away from every input point — on the noisy camel a fist-sized blob hung between the legs
/// (accuracy p99 0.19 of the size) — and such a piece can be far larger than the blobs of
/// <see cref="MeshComponents.RemoveSmall"/>. The surface of a piece the data describes passes through the data, so
/// most of its area lies within a few point spacings of an input point; a piece of which less than
/// <see cref="DefaultMinSupportedShare"/> does is not part of the scanned shape.
/// </summary>
public static class UnsupportedComponents
{
    /// <summary>
    /// Distance within which a triangle counts as supported, in median point spacings: the surface through a clean
    /// sample lies within about one spacing of its nearest point, and four leave room for noise left after denoising
    /// and for a surface that is still smoothing across a hole in the data.
    /// </summary>
    public const double DefaultToleranceSpacings = 4;

    /// <summary>Share of a component's area that must be supported for it to be kept: a component that touches the data
    /// at one side but is mostly hallucinated is still dropped. The gap is wide: on the four benchmark clouds (bunny and
    /// camel, clean and noisy) the reconstructed surface was 100.0 % supported at four spacings (93–99.7 % at two), the
    /// camel's blob 1.3 %.</summary>
    public const double DefaultMinSupportedShare = 0.5;

    /// <summary>
    /// The mesh without the components of which less than <paramref name="minSupportedShare"/> of the area lies within
    /// <paramref name="tolerance"/> of a point of <paramref name="data"/> (a triangle counts by its centroid); the
    /// best-supported component is always kept, so the result is never empty. Returns how many were dropped and the
    /// supported share of every component (by the labels of <see cref="MeshComponents.TriangleLabels"/>).
    /// </summary>
    public static (Mesh Mesh, int Removed, double[] SupportedShare) Remove(Mesh mesh, KdTree data, double tolerance,
        double minSupportedShare = DefaultMinSupportedShare)
    {
        if (!mesh.HasTriangles) return (mesh, 0, []);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tolerance);
        var labels = MeshComponents.TriangleLabels(mesh, out int count);
        var tri = mesh.Triangles;
        int t = mesh.TriangleCount;
        var centroids = new Vector3d[t];
        var areas = new double[t];
        for (int i = 0; i < t; i++)
        {
            var triangle = new Triangle3d(mesh.Vertices[tri[3 * i]], mesh.Vertices[tri[3 * i + 1]], mesh.Vertices[tri[3 * i + 2]]);
            centroids[i] = triangle.Centroid;
            areas[i] = triangle.Area;
        }
        var distances = data.NearestDistances(centroids);
        var total = new double[count];
        var supported = new double[count];
        for (int i = 0; i < t; i++)
        {
            total[labels[i]] += areas[i];
            if (distances[i] <= tolerance) supported[labels[i]] += areas[i];
        }
        var share = new double[count];
        int best = 0;
        for (int c = 0; c < count; c++)
        {
            share[c] = total[c] > 0 ? supported[c] / total[c] : 0;
            if (supported[c] > supported[best]) best = c;
        }
        var keep = new bool[count];
        for (int c = 0; c < count; c++) keep[c] = c == best || share[c] >= minSupportedShare;
        var (kept, removed) = MeshComponents.Keep(mesh, labels, keep);
        return (kept, removed, share);
    }
}
