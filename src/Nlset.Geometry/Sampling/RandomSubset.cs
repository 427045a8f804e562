using Nlset.Geometry.Randomness;

namespace Nlset.Geometry.Sampling;

/// <summary>A seeded uniform random subset of a cloud, its points kept in their input order.</summary>
public static class RandomSubset
{
    /// <summary><paramref name="count"/> of <paramref name="points"/> drawn without replacement (all of them when there are no more).</summary>
    public static Vector3d[] Of(Vector3d[] points, int count, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 0);
        if (points.Length <= count) return points;
        var random = new SeededRandom(seed);
        var index = new int[points.Length];
        for (int i = 0; i < index.Length; i++) index[i] = i;
        // The first `count` steps of a Fisher–Yates shuffle.
        for (int i = 0; i < count; i++)
        {
            int j = i + random.NextInt(index.Length - i);
            (index[i], index[j]) = (index[j], index[i]);
        }
        Array.Sort(index, 0, count);
        var subset = new Vector3d[count];
        for (int i = 0; i < count; i++) subset[i] = points[index[i]];
        return subset;
    }
}
