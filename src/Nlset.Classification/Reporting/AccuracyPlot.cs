using System.Globalization;
using Nlset.Classification.Data;
using Nlset.Classification.Losses;
using Nlset.Classification.Training;
using ScottPlot;

namespace Nlset.Classification.Reporting;

/// <summary>
/// Test accuracy against the training fraction in the layout of the paper's Figure 2: the fractions evenly spaced
/// along x and labelled in per cent, one line per loss (Hinge, Xent, Ours) with ± one standard deviation as error bars.
/// Renders headless (SkiaSharp's self-contained Linux assets).
/// </summary>
public static class AccuracyPlot
{
    static readonly Dictionary<MarginLossKind, Color> Colours = new()
    {
        [MarginLossKind.Hinge] = Colors.DarkOrange,
        [MarginLossKind.CrossEntropy] = Colors.SteelBlue,
        [MarginLossKind.GeometricSvm] = Colors.Crimson,
    };

    public static void Save(MarginExperimentResult result, string path, string title, int width = 640, int height = 480)
    {
        var plot = new Plot();
        var fractions = result.Plan.Fractions;
        var summaries = result.Summaries();
        foreach (var loss in new[] { MarginLossKind.Hinge, MarginLossKind.CrossEntropy, MarginLossKind.GeometricSvm }.Where(result.Plan.Losses.Contains))
        {
            var cells = fractions.Select((f, i) => (Index: i, Cell: summaries.FirstOrDefault(s => s.Loss == loss && s.Fraction == f)))
                .Where(c => c.Cell is not null).ToArray();
            if (cells.Length == 0) continue;
            double[] xs = cells.Select(c => (double)c.Index).ToArray();
            double[] ys = cells.Select(c => 100 * c.Cell!.MeanAccuracy).ToArray();
            var line = plot.Add.Scatter(xs, ys, Colours[loss]);
            line.LegendText = loss == MarginLossKind.GeometricSvm ? "Ours" : loss.PaperLabel();
            line.LineWidth = 2;
            line.MarkerSize = 6;
            var bars = plot.Add.ErrorBar(xs, ys, cells.Select(c => 100 * c.Cell!.StdAccuracy).ToArray());
            bars.Color = Colours[loss];
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            fractions.Select((f, i) => new Tick(i, (100 * f).ToString("0.###", CultureInfo.InvariantCulture))).ToArray());
        plot.Axes.SetLimitsX(-0.4, fractions.Count - 0.6);
        plot.XLabel("Fraction of Training Data (%)");
        plot.YLabel("Test accuracy (%)");
        plot.Title(title);
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, width, height);
    }
}
