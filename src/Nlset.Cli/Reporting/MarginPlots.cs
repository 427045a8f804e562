using Nlset.Classification.Data;
using Nlset.Classification.Losses;
using Nlset.Classification.Training;
using Nlset.Rendering.Plots;

namespace Nlset.Cli.Reporting;

/// <summary>
/// `train-margin --plots DIR`: for each training fraction, DIR/margin-DATASET-FRACTION-epochs.png with the test (solid)
/// and train (dashed) accuracy over the epochs above the mean epoch loss (log scale), one colour per loss, each the
/// mean over the runs — the curves behind one point of Figure 2.
/// </summary>
public static class MarginPlots
{
    // The colours of the Figure-2 plot (AccuracyPlot): hinge dark orange, cross-entropy steel blue, ours crimson.
    static readonly Dictionary<MarginLossKind, string> Colours = new()
    {
        [MarginLossKind.Hinge] = "#ff8c00",
        [MarginLossKind.CrossEntropy] = "#4682b4",
        [MarginLossKind.GeometricSvm] = "#dc143c",
    };

    public static IReadOnlyList<string> Write(CliContext ctx, string dir, MarginExperimentResult result, string dataset)
    {
        Directory.CreateDirectory(dir);
        var written = new List<string>();
        foreach (var fraction in result.Plan.Fractions)
        {
            var accuracy = new List<PlotSeries>();
            var losses = new List<PlotSeries>();
            foreach (var kind in result.Plan.Losses)
            {
                var histories = result.Runs.Where(r => r.Fraction == fraction && r.Loss == kind && r.History is { Count: > 0 }).Select(r => r.History!).ToArray();
                if (histories.Length == 0) continue;
                int epochs = histories.Min(h => h.Count);
                var x = Enumerable.Range(1, epochs).Select(e => (double)e).ToArray();
                double[] Mean(Func<EpochHistory, IReadOnlyList<double>> of, double scale = 1) =>
                    Enumerable.Range(0, epochs).Select(e => scale * histories.Average(h => of(h)[e])).ToArray();
                var name = kind == MarginLossKind.GeometricSvm ? "Ours" : kind.PaperLabel();
                accuracy.Add(new PlotSeries($"{name} test", x, Mean(h => h.TestAccuracy, 100), Colours[kind]));
                accuracy.Add(new PlotSeries($"{name} train", x, Mean(h => h.TrainAccuracy, 100), Colours[kind], Dashed: true));
                losses.Add(new PlotSeries(name, x, Mean(h => h.Loss), Colours[kind]));
            }
            if (accuracy.Count == 0) continue;
            var runs = result.Plan.Runs;
            var percent = SubsetSelection.FormatPercent(fraction);
            var top = SeriesPlot.Create($"{dataset}, {percent} of the training set, mean of {runs} run{(runs == 1 ? "" : "s")}", "epoch", "accuracy (%)", accuracy);
            var bottom = SeriesPlot.Create("training loss (mean over each epoch)", "epoch", "loss", losses, logY: true);
            var path = Path.Combine(dir, $"margin-{dataset}-{percent.Replace("%", "pct")}-epochs.png");
            SeriesPlot.Save(path, 820, 400, [top, bottom]);
            written.Add(path);
        }
        if (written.Count > 0) ctx.Log.Information("Wrote {Count} epoch plot(s) to {Dir}", written.Count, dir);
        return written;
    }
}
