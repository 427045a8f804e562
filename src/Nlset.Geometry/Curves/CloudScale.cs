using Nlset.Geometry.Spatial;

namespace Nlset.Geometry.Curves;

/// <summary>
/// Lengths read off a point cloud sampled along a curve, from which the curve clean-up derives its distances (so that
/// they follow the data, not its units or density): the median nearest-neighbour spacing; the reach, the median
/// distance from a point to its <see cref="ReachNeighbours"/>-th nearest neighbour (a ball of that radius on the curve
/// holds about that many points, however sparse or noisy the sample); and the noise — the per-coordinate standard
/// deviation across the curve, estimated as the median over points of √(across-variance / 2) of a line fitted to each
/// point's <see cref="Neighbours"/> nearest neighbours (the two directions across a curve share the variance; the median
/// ignores neighbourhoods that straddle two strands).
/// </summary>
public sealed record CloudScale(double Spacing, double Reach, double Noise)
{
    /// <summary>
    /// The reach's neighbour: 6, so that a ball of one reach around a point of the curve holds ~6 points — enough to
    /// tell the curve from a stray point, few enough to stay local.
    /// </summary>
    public const int ReachNeighbours = 6;

    /// <summary>
    /// Neighbours of a local line fit: enough that a neighbourhood is much longer along the curve than across it (with
    /// noise comparable to the spacing, 32 neighbours span ~15 spacings along), so that the fit does not clip the noise;
    /// few enough that a curved strand is still nearly straight over them.
    /// </summary>
    public const int Neighbours = 32;

    /// <summary>At most this many points are examined (evenly strided): the medians settle long before.</summary>
    const int MaxProbes = 4000;

    /// <exception cref="InvalidInputException">Fewer than two points.</exception>
    public static CloudScale Of(ReadOnlySpan<Vector3d> data)
    {
        if (data.Length < 2) throw new InvalidInputException($"a cloud's spacing needs at least two points, got {data.Length}");
        var tree = new KdTree(data);
        int k = Math.Min(Neighbours, data.Length);
        int stride = Math.Max(1, data.Length / MaxProbes);
        var index = new int[k];
        var distance = new double[k];
        var neighbours = new Vector3d[k];
        var weights = new double[k];
        Array.Fill(weights, 1.0);
        var spacings = new List<double>();
        var reaches = new List<double>();
        var noises = new List<double>();
        for (int i = 0; i < data.Length; i += stride)
        {
            tree.KNearest(data[i], k, index, distance);
            spacings.Add(distance[1]);                  // distance[0] is the point itself
            reaches.Add(distance[Math.Min(ReachNeighbours, k - 1)]);
            for (int j = 0; j < k; j++) neighbours[j] = data[index[j]];
            var fit = LineFit.Of(neighbours, weights, neighbours[k - 1] - neighbours[0]);
            noises.Add(Math.Sqrt(fit.AcrossVariance / 2));
        }
        return new CloudScale(Median(spacings), Median(reaches), Median(noises));
    }

    static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
    }
}
