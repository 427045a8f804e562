using Nlset.Geometry.Randomness;

namespace Nlset.Geometry.Spatial;

/// <summary>How far apart the points of a cloud are: the scale that distances derived from the data are multiples of.</summary>
public static class PointSpacing
{
    /// <summary>At most this many points are examined (drawn with a fixed seed): the median settles long before.</summary>
    public const int MaxProbes = 4000;

    /// <summary>
    /// Median distance from a point to its nearest other point (0.01 when every point has a duplicate). Duplicates
    /// give 0 and are ignored, so that a scan with repeated points does not shrink every tolerance to nothing.
    /// </summary>
    public static double Median(Vector3d[] cloud) => Median(cloud, new KdTree(cloud));

    /// <summary><see cref="Median(Vector3d[])"/> with a tree already built on <paramref name="cloud"/>.</summary>
    public static double Median(Vector3d[] cloud, KdTree tree)
    {
        var random = new SeededRandom(0);
        int count = Math.Min(cloud.Length, MaxProbes);
        var queries = new Vector3d[count];
        for (int i = 0; i < count; i++) queries[i] = count == cloud.Length ? cloud[i] : cloud[random.NextInt(cloud.Length)];
        var indices = new int[2 * count];
        var distances = new double[2 * count];
        tree.KNearest(queries, 2, indices, distances);
        // The first neighbour is the point itself (distance 0).
        var spacings = Enumerable.Range(0, count).Select(i => distances[2 * i + 1]).Where(d => d > 0).Order().ToArray();
        return spacings.Length == 0 ? 0.01 : spacings[spacings.Length / 2];
    }
}
