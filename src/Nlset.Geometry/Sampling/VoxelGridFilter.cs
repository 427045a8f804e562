namespace Nlset.Geometry.Sampling;

/// <summary>
/// Thins a dense cloud to about a given number of points by the voxel-grid filter (PCL's VoxelGrid): the points in each
/// cube of a regular grid are replaced by their centroid. Unlike a random subset it uses every point: on a noisy scan
/// the centroid of m points is √m times less noisy across the surface, and on a clean one it stays on the surface up
/// to the sag of the surface over a voxel (κ·side²/8).
/// </summary>
public static class VoxelGridFilter
{
    /// <summary>The result: the centroids, the voxels' side and how many input points each centroid averages (mean).</summary>
    public sealed record Result(Vector3d[] Points, double Side, int InputPoints)
    {
        public double PointsPerVoxel => Points.Length == 0 ? 0 : (double)InputPoints / Points.Length;
    }

    /// <summary>
    /// The centroids of <paramref name="points"/> in the voxels of the side at which about <paramref name="target"/> voxels
    /// are occupied (within a few per cent): a first side from a surface of area 2 in the cloud's box, corrected twice by the
    /// occupied count, which falls as the side² on a surface. Deterministic: centroids in the order of the grid's cells.
    /// Returns the points themselves when there are no more than <paramref name="target"/>.
    /// </summary>
    public static Result ToAbout(Vector3d[] points, int target)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(target, 1);
        if (points.Length <= target) return new Result(points, 0, points.Length);
        var box = BoundingBox.Of(points);
        double extent = box.LargestSide;
        if (!(extent > 0)) throw new ArgumentException("all points are identical: there is nothing to thin", nameof(points));
        double side = extent * Math.Sqrt(2.0 / target);
        for (int round = 0; round < 2; round++)
            side = Math.Max(side * Math.Sqrt((double)Occupied(points, box.Min, side) / target), extent / MaxIndex);
        return new Result(Centroids(points, box.Min, side), side, points.Length);
    }

    /// <summary>The centroids of <paramref name="points"/> in the voxels of side <paramref name="side"/> whose grid starts at <paramref name="origin"/>, in the grid's order.</summary>
    public static Vector3d[] Centroids(Vector3d[] points, Vector3d origin, double side)
    {
        var keys = Keys(points, origin, side);
        var order = new int[points.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(keys, order);
        var centroids = new List<Vector3d>();
        for (int start = 0; start < keys.Length;)
        {
            int end = start;
            var sum = Vector3d.Zero;
            while (end < keys.Length && keys[end] == keys[start]) sum += points[order[end++]];
            centroids.Add(sum / (end - start));
            start = end;
        }
        return [.. centroids];
    }

    const long MaxIndex = (1L << 21) - 1;

    static int Occupied(Vector3d[] points, Vector3d origin, double side)
    {
        var keys = Keys(points, origin, side);
        Array.Sort(keys);
        int count = keys.Length == 0 ? 0 : 1;
        for (int i = 1; i < keys.Length; i++) if (keys[i] != keys[i - 1]) count++;
        return count;
    }

    /// <summary>One 63-bit key per point: its voxel's three 21-bit indices.</summary>
    static long[] Keys(Vector3d[] points, Vector3d origin, double side)
    {
        const long Mask = MaxIndex;
        var keys = new long[points.Length];
        Parallel.For(0, points.Length, i =>
        {
            var d = (points[i] - origin) / side;
            long x = Math.Min((long)d.X, Mask), y = Math.Min((long)d.Y, Mask), z = Math.Min((long)d.Z, Mask);
            keys[i] = (x << 42) | (y << 21) | z;
        });
        return keys;
    }
}
