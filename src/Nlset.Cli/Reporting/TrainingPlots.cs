using System.CommandLine;
using Nlset.Reconstruction;
using Nlset.Rendering.Plots;

namespace Nlset.Cli.Reporting;

/// <summary>`--plots DIR` of reconstruct: the loss terms of Eq. 13 and the learning rate over the training steps, as one PNG.</summary>
public static class TrainingPlots
{
    public const string LossFile = "loss.png";

    public static Option<DirectoryInfo?> CreateOption(string what) => new("--plots")
    {
        Description = $"Write PNG plots of {what} to this folder (created if missing)",
        HelpName = "DIR",
    };

    /// <summary>Checks the folder can be made and written before any work is done: it, or else its parent, exists and takes new files.</summary>
    public static void Check(string? dir)
    {
        if (dir is not null) Nlset.Geometry.IO.OutputPath.CheckFolderToCreate(dir, "--plots");
    }

    /// <summary>Writes DIR/loss.png: total, distance, λ·|F| and free-space terms (log y, running mean of 1 % of the steps) over the learning rate.</summary>
    public static string Write(CliContext ctx, string dir, TrainingHistory history, string title, bool curve)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, LossFile);
        var x = history.Iterations.ToArray();
        int window = Math.Max(1, history.Count / 100);
        string mean = window > 1 ? $" (mean of {window} steps)" : "";
        List<PlotSeries> series =
        [
            new PlotSeries("total" + mean, x, history.Loss.ToArray(), "#222222").Smoothed(window),
            new PlotSeries("distance term" + mean, x, history.DistanceTerm.ToArray(), "#1f77b4").Smoothed(window),
            new PlotSeries($"λ·{(curve ? "‖F‖" : "|F|")} term (λ = {history.Lambda:G3})" + mean, x, history.WeightedDataTerm.ToArray(), "#d62728").Smoothed(window),
        ];
        // The free-space term (not in the paper) is drawn when it was on; it is zero in most steps once the
        // surface has left the open space, so its running mean shows how often it still acts.
        if (history.WeightedFreeSpaceTerm.Any(v => v > 0))
            series.Add(new PlotSeries("free-space term" + mean, x, history.WeightedFreeSpaceTerm.ToArray(), "#9467bd").Smoothed(window));
        var terms = SeriesPlot.Create(title, "training step", "loss", series, logY: true);
        var rate = SeriesPlot.Create("Adam learning rate (cosine decay)", "training step", "learning rate",
            [new PlotSeries("learning rate", x, history.LearningRate.ToArray(), "#2ca02c")]);
        SeriesPlot.Save(path, 900, 420, [terms, rate]);
        ctx.Log.Information("Wrote the loss plot {Plot}", path);
        return path;
    }
}
