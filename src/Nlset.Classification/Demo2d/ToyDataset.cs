using Nlset.Geometry;
using Nlset.Geometry.Randomness;

namespace Nlset.Classification.Demo2d;

/// <summary>
/// The 2-D toy set of the Figure-1 demo: two interleaved half-moons, class +1 (blue) the upper one
/// (cos t, sin t) and class −1 (red) the lower one (1 − cos t, ½ − sin t), t uniform in [0, π], each point moved by
/// Gaussian noise of σ = 0.05 truncated at radius 0.1. The two curves are 0.5 apart at their closest, so the classes
/// are separable with a gap of at least 0.3 before scaling. Coordinates are then centred and scaled by ⅔ into
/// [−1, 1] × [−½, ½] (the gap becomes at least 0.2). Few points leave a wide gap in which cross-entropy is content with
/// any boundary, which is what Figure 1 contrasts with the margin losses.
/// </summary>
public sealed class ToyDataset
{
    /// <summary>Smallest distance between the two classes' points, in the scaled coordinates (see the class summary).</summary>
    public const double MinimumGap = 0.2;

    const double NoiseSigma = 0.05, NoiseLimit = 0.1, Scale = 2.0 / 3;

    ToyDataset(double[] x, double[] y, int[] labels)
    {
        X = x;
        Y = y;
        Labels = labels;
    }

    public double[] X { get; }
    public double[] Y { get; }
    /// <summary>±1 per point.</summary>
    public int[] Labels { get; }
    public int Count => X.Length;

    /// <param name="points">Total points, split evenly between the classes (the odd one goes to class +1).</param>
    public static ToyDataset Moons(int points, int seed)
    {
        if (points is < 4 or > 100_000) throw InvalidInputException.ForSetting(nameof(Demo2dSettings.Points), name => $"{name} must be 4..100000, got {points}");
        var random = new SeededRandom(seed);
        var x = new double[points];
        var y = new double[points];
        var labels = new int[points];
        for (int i = 0; i < points; i++)
        {
            bool upper = i % 2 == 0;
            double t = random.NextDouble(0, Math.PI);
            double px = upper ? Math.Cos(t) : 1 - Math.Cos(t);
            double py = upper ? Math.Sin(t) : 0.5 - Math.Sin(t);
            double nx, ny;
            do
            {
                nx = random.NextGaussian(0, NoiseSigma);
                ny = random.NextGaussian(0, NoiseSigma);
            } while (nx * nx + ny * ny > NoiseLimit * NoiseLimit);
            x[i] = (px + nx - 0.5) * Scale;
            y[i] = (py + ny - 0.25) * Scale;
            labels[i] = upper ? 1 : -1;
        }
        return new ToyDataset(x, y, labels);
    }

    /// <summary>The points as rows [N, 2] for a tensor, float32.</summary>
    public float[] Rows()
    {
        var rows = new float[2 * Count];
        for (int i = 0; i < Count; i++)
        {
            rows[2 * i] = (float)X[i];
            rows[2 * i + 1] = (float)Y[i];
        }
        return rows;
    }
}
