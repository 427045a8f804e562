using Nlset.Rendering.Plots;
using ScottPlot;

namespace Nlset.Rendering.Figures;

/// <summary>One panel of Figure 1: labelled points and a classifier's values F on a grid.</summary>
/// <param name="Labels">±1 per point: +1 blue, −1 red (the paper's colours).</param>
/// <param name="ShowMargins">Also draw S_+1 and S_−1 (the geometric SVM's band).</param>
public sealed record DecisionBoundaryPanel(string Title, double[] X, double[] Y, int[] Labels, ScalarGrid Field, bool ShowMargins);

/// <summary>
/// The paper's Figure 1: for each panel, the training points (blue +1, red −1), the decision boundary S_0 = {F = 0}
/// in black and, for the geometric SVM, S_+1 and S_−1 in light blue and light red — each coloured after the class on
/// whose side it lies — over a faint tint of the two decision regions. Contours by <see cref="MarchingSquares"/>, drawn with ScottPlot.
/// </summary>
public static class DecisionBoundaryFigure
{
    const string Blue = "#1f5fbf", Red = "#d62728", LightBlue = "#8fb5ef", LightRed = "#f2a0a0";

    public static Plot Create(DecisionBoundaryPanel panel)
    {
        var grid = panel.Field.Validated();
        var plot = new Plot();
        TintRegions(plot, grid);
        if (panel.ShowMargins)
        {
            AddContour(plot, grid, 1, LightBlue, 2, "S₊₁");
            AddContour(plot, grid, -1, LightRed, 2, "S₋₁");
        }
        AddContour(plot, grid, 0, "#111111", 2.5f, "S₀ (F = 0)");
        foreach (var (label, colour, name) in new[] { (1, Blue, "+1"), (-1, Red, "−1") })
        {
            var xs = panel.X.Where((_, i) => panel.Labels[i] == label).ToArray();
            var ys = panel.Y.Where((_, i) => panel.Labels[i] == label).ToArray();
            if (xs.Length == 0) continue;
            var dots = plot.Add.ScatterPoints(xs, ys, Color.FromHex(colour));
            dots.MarkerSize = 9;
            dots.MarkerShape = MarkerShape.FilledCircle;
            dots.LegendText = $"class {name}";
        }
        plot.Axes.SetLimits(grid.XMin, grid.XMax, grid.YMin, grid.YMax);
        plot.Title(panel.Title);
        plot.ShowLegend(Alignment.LowerLeft);   // the toy leaves that corner empty
        return plot;
    }

    /// <summary>Panels in a row (the four of Figure 1 side by side), each <paramref name="panelWidth"/> × <paramref name="panelHeight"/>.</summary>
    public static void Save(string path, IReadOnlyList<DecisionBoundaryPanel> panels, int panelWidth = 520, int panelHeight = 380) =>
        SeriesPlot.Save(path, panelWidth, panelHeight, panels.Select(Create).ToList(), columns: panels.Count);

    static void AddContour(Plot plot, ScalarGrid grid, double level, string colour, float width, string legend)
    {
        bool first = true;
        foreach (var line in MarchingSquares.Contour(grid, level))
        {
            var scatter = plot.Add.ScatterLine(line.Select(p => p.X).ToArray(), line.Select(p => p.Y).ToArray(), Color.FromHex(colour));
            scatter.LineWidth = width;
            if (first) scatter.LegendText = legend;
            first = false;
        }
    }

    /// <summary>Faint blue where F > 0 and faint red where F &lt; 0, one rectangle per run of equal sign in each grid row.</summary>
    static void TintRegions(Plot plot, ScalarGrid grid)
    {
        double dx = (grid.XMax - grid.XMin) / (grid.Columns - 1), dy = (grid.YMax - grid.YMin) / (grid.Rows - 1);
        var positive = Color.FromHex(Blue).WithAlpha(0.07);
        var negative = Color.FromHex(Red).WithAlpha(0.07);
        for (int j = 0; j < grid.Rows; j++)
        {
            int start = 0;
            for (int i = 1; i <= grid.Columns; i++)
            {
                if (i < grid.Columns && grid[i, j] >= 0 == grid[start, j] >= 0) continue;
                var rect = plot.Add.Rectangle(grid.X(start) - dx / 2, grid.X(i - 1) + dx / 2, grid.Y(j) - dy / 2, grid.Y(j) + dy / 2);
                rect.FillColor = grid[start, j] >= 0 ? positive : negative;
                rect.LineWidth = 0;
                start = i;
            }
        }
    }
}
