namespace Nlset.Rendering.Plots;

/// <summary>One line of a plot: its legend text, the points, a colour (#RRGGBB, or null for the palette's next) and whether it is dashed.</summary>
public sealed record PlotSeries(string Label, double[] X, double[] Y, string? Colour = null, bool Dashed = false)
{
    /// <summary>
    /// The running mean over a centred window of <paramref name="window"/> points (shorter at the ends): per-step training
    /// losses are noisy, and the trend is what a plot is for.
    /// </summary>
    public PlotSeries Smoothed(int window)
    {
        if (window <= 1 || Y.Length == 0) return this;
        var prefix = new double[Y.Length + 1];
        for (int i = 0; i < Y.Length; i++) prefix[i + 1] = prefix[i] + Y[i];
        var smooth = new double[Y.Length];
        int half = window / 2;
        for (int i = 0; i < Y.Length; i++)
        {
            int lo = Math.Max(0, i - half), hi = Math.Min(Y.Length, i + half + 1);
            smooth[i] = (prefix[hi] - prefix[lo]) / (hi - lo);
        }
        return this with { Y = smooth };
    }
}
