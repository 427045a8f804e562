using Nlset.Classification.Robust;
using ScottPlot;

namespace Nlset.Classification.Reporting;

/// <summary>
/// The curves of a robust training run as two PNGs: accuracy over epochs (training clean accuracy, validation clean and
/// robust accuracy) and the training loss over epochs. Renders headless like <see cref="AccuracyPlot"/>.
/// </summary>
public static class RobustTrainingPlot
{
    /// <summary>Writes DIR/STEM-accuracy.png and DIR/STEM-loss.png; returns their paths.</summary>
    public static (string Accuracy, string Loss) Save(IReadOnlyList<EpochRecord> history, string directory, string stem, string title,
        int width = 640, int height = 480)
    {
        if (history.Count == 0) throw new ArgumentException("no epochs to plot");
        double[] epochs = history.Select(r => (double)r.Epoch).ToArray();

        var accuracy = new Plot();
        void Line(Func<EpochRecord, double> value, string label, Color colour)
        {
            var points = history.Where(r => double.IsFinite(value(r))).ToArray();
            if (points.Length == 0) return;
            var line = accuracy.Add.Scatter(points.Select(r => (double)r.Epoch).ToArray(), points.Select(r => 100 * value(r)).ToArray(), colour);
            line.LegendText = label;
            line.LineWidth = 2;
            line.MarkerSize = 5;
        }
        Line(r => r.TrainAccuracy, "train (clean)", Colors.Gray);
        Line(r => r.ValidationClean, "validation clean", Colors.SteelBlue);
        Line(r => r.ValidationRobust, "validation robust (PGD)", Colors.Crimson);
        accuracy.Axes.SetLimitsY(0, 100);
        accuracy.XLabel("Epoch");
        accuracy.YLabel("Accuracy (%)");
        accuracy.Title(title);
        accuracy.ShowLegend(Alignment.LowerRight);
        var accuracyPath = Path.Combine(directory, stem + "-accuracy.png");
        accuracy.SavePng(accuracyPath, width, height);

        var loss = new Plot();
        var curve = loss.Add.Scatter(epochs, history.Select(r => r.Loss).ToArray(), Colors.DarkOrange);
        curve.LineWidth = 2;
        curve.MarkerSize = 5;
        loss.XLabel("Epoch");
        loss.YLabel("Training loss (mean over the epoch)");
        loss.Title(title);
        var lossPath = Path.Combine(directory, stem + "-loss.png");
        loss.SavePng(lossPath, width, height);
        return (accuracyPath, lossPath);
    }
}
