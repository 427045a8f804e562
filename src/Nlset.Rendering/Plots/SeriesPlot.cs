using System.Globalization;
using Nlset.Rendering;
using ScottPlot;
using SkiaSharp;

namespace Nlset.Rendering.Plots;

/// <summary>
/// Line plots of training histories (ScottPlot), optionally on a logarithmic y axis (decade ticks), and several
/// panels stacked or placed side by side in one PNG.
/// </summary>
public static class SeriesPlot
{
    static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];

    /// <summary>
    /// A panel of lines. With <paramref name="logY"/> the values are plotted as log10 (points ≤ 0 or not finite are
    /// left out) and the axis is labelled in powers of ten, which keeps terms that differ by decades readable.
    /// </summary>
    public static Plot Create(string title, string xLabel, string yLabel, IEnumerable<PlotSeries> series, bool logY = false)
    {
        var plot = new Plot();
        int next = 0;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var s in series)
        {
            var colour = Color.FromHex(s.Colour ?? Palette[next++ % Palette.Length]);
            bool labelled = false;
            // A line is drawn only through neighbouring plottable points: joining across a stretch that cannot be
            // drawn (a term that is 0 on a log axis) would show values that were never there.
            foreach (var run in PlottableRuns(s.X, s.Y, logY))
            {
                var xs = run.Select(p => p.X).ToArray();
                var ys = run.Select(p => logY ? Math.Log10(p.Y) : p.Y).ToArray();
                lo = Math.Min(lo, ys.Min());
                hi = Math.Max(hi, ys.Max());
                var line = run.Length == 1 ? plot.Add.Scatter(xs, ys, colour) : plot.Add.ScatterLine(xs, ys, colour);
                if (!labelled) line.LegendText = s.Label;
                labelled = true;
                line.LineWidth = 2;
                if (s.Dashed) line.LinePattern = LinePattern.Dashed;
            }
        }
        if (logY && double.IsFinite(lo)) plot.Axes.Left.TickGenerator = DecadeTicks(lo, hi);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(logY ? yLabel + " (log scale)" : yLabel);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>
    /// The stretches of consecutive points that can be plotted — finite, and with <paramref name="logY"/> positive — in
    /// order; a point that cannot be plotted ends a stretch.
    /// </summary>
    public static List<(double X, double Y)[]> PlottableRuns(IReadOnlyList<double> x, IReadOnlyList<double> y, bool logY)
    {
        var runs = new List<(double X, double Y)[]>();
        var current = new List<(double X, double Y)>();
        for (int i = 0; i < Math.Min(x.Count, y.Count); i++)
        {
            if (double.IsFinite(x[i]) && double.IsFinite(y[i]) && (!logY || y[i] > 0)) { current.Add((x[i], y[i])); continue; }
            if (current.Count > 0) runs.Add([.. current]);
            current.Clear();
        }
        if (current.Count > 0) runs.Add([.. current]);
        return runs;
    }

    /// <summary>Major ticks at powers of ten labelled 1e-3 …, minor ticks at 2…9 times them.</summary>
    static ScottPlot.TickGenerators.NumericManual DecadeTicks(double lo, double hi)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int k = (int)Math.Floor(lo); k <= (int)Math.Ceiling(hi); k++)
        {
            ticks.AddMajor(k, k is >= -2 and <= 2 ? Math.Pow(10, k).ToString("0.##", CultureInfo.InvariantCulture) : $"1e{k}");
            for (int m = 2; m <= 9; m++) ticks.AddMinor(k + Math.Log10(m));
        }
        return ticks;
    }

    /// <summary>Panels stacked top to bottom (<paramref name="columns"/> = 1) or in a row, each of the given size, in one PNG written atomically.</summary>
    public static void Save(string path, int panelWidth, int panelHeight, IReadOnlyList<Plot> panels, int columns = 1)
    {
        if (panels.Count == 0) throw new ArgumentException("no panels to save", nameof(panels));
        columns = Math.Clamp(columns, 1, panels.Count);
        int rows = (panels.Count + columns - 1) / columns;
        using var surface = SKSurface.Create(new SKImageInfo(panelWidth * columns, panelHeight * rows, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("SkiaSharp could not create a drawing surface");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        for (int i = 0; i < panels.Count; i++)
        {
            canvas.Save();
            canvas.Translate(panelWidth * (i % columns), panelHeight * (i / columns));
            canvas.ClipRect(new SKRect(0, 0, panelWidth, panelHeight));
            panels[i].Render(canvas, panelWidth, panelHeight);
            canvas.Restore();
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100) ?? throw new InvalidOperationException("SkiaSharp could not encode the PNG");
        PngFile.Write(path, data.ToArray());
    }
}
