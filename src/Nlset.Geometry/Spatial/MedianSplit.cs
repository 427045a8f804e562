using System.Runtime.CompilerServices;

namespace Nlset.Geometry.Spatial;

/// <summary>A point and the index of what it stands for (a data point, a triangle's centroid), as the median-split builders reorder them.</summary>
internal struct IndexedPoint
{
    public double X, Y, Z;
    public int Index;
}

/// <summary>
/// The split both spatial trees are built with: choose the axis along which a range of points is
/// widest and partition the range at its median along it, in linear time, without sorting.
/// </summary>
internal static class MedianSplit
{
    /// <summary>The axis (0, 1, 2) of largest extent of points [lo, hi); ties go to the lower axis.</summary>
    public static int WidestAxis(IndexedPoint[] points, int lo, int hi)
    {
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, minZ = double.PositiveInfinity;
        double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity, maxZ = double.NegativeInfinity;
        for (int i = lo; i < hi; i++)
        {
            ref var e = ref points[i];
            if (e.X < minX) minX = e.X;
            if (e.X > maxX) maxX = e.X;
            if (e.Y < minY) minY = e.Y;
            if (e.Y > maxY) maxY = e.Y;
            if (e.Z < minZ) minZ = e.Z;
            if (e.Z > maxZ) maxZ = e.Z;
        }
        double sx = maxX - minX, sy = maxY - minY, sz = maxZ - minZ;
        return sx >= sy ? (sx >= sz ? 0 : 2) : (sy >= sz ? 1 : 2);
    }

    /// <summary>
    /// Reorders [lo, hi) so that points[mid] holds the key of rank mid − lo along <paramref name="axis"/>,
    /// with keys ≤ it before and ≥ it after; returns that key.
    /// </summary>
    public static double Partition(IndexedPoint[] points, int lo, int hi, int mid, int axis)
    {
        switch (axis)
        {
            case 0: Select<XKey>(points, lo, hi - 1, mid); return points[mid].X;
            case 1: Select<YKey>(points, lo, hi - 1, mid); return points[mid].Y;
            default: Select<ZKey>(points, lo, hi - 1, mid); return points[mid].Z;
        }
    }

    interface IKey { static abstract double Of(ref IndexedPoint e); }
    readonly struct XKey : IKey { [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Of(ref IndexedPoint e) => e.X; }
    readonly struct YKey : IKey { [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Of(ref IndexedPoint e) => e.Y; }
    readonly struct ZKey : IKey { [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Of(ref IndexedPoint e) => e.Z; }

    /// <summary>
    /// Hoare's FIND (as in Wirth, Algorithms + Data Structures = Programs) over [left, right]
    /// inclusive with a median-of-three pivot. Scans stop on keys equal to the pivot, so runs of
    /// duplicate keys are split evenly instead of degrading to quadratic time.
    /// </summary>
    static void Select<TKey>(IndexedPoint[] points, int left, int right, int k) where TKey : struct, IKey
    {
        while (left < right)
        {
            int middle = left + ((right - left) >> 1);
            if (TKey.Of(ref points[middle]) < TKey.Of(ref points[left])) Swap(points, middle, left);
            if (TKey.Of(ref points[right]) < TKey.Of(ref points[left])) Swap(points, right, left);
            if (TKey.Of(ref points[right]) < TKey.Of(ref points[middle])) Swap(points, right, middle);
            double pivot = TKey.Of(ref points[middle]);
            int i = left, j = right;
            do
            {
                while (TKey.Of(ref points[i]) < pivot) i++;
                while (pivot < TKey.Of(ref points[j])) j--;
                if (i <= j)
                {
                    Swap(points, i, j);
                    i++;
                    j--;
                }
            } while (i <= j);
            if (j < k) left = i;
            if (k < i) right = j;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Swap(IndexedPoint[] points, int a, int b) => (points[a], points[b]) = (points[b], points[a]);
}
