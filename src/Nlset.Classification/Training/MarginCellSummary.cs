using Nlset.Classification.Losses;

namespace Nlset.Classification.Training;

/// <summary>
/// Test accuracy of one loss at one fraction over its runs: mean and sample standard deviation (n − 1; 0 for one
/// run), as the paper reports (§5.1, "mean accuracy along with the standard deviation").
/// </summary>
public sealed record MarginCellSummary(MarginLossKind Loss, double Fraction, int TrainCount, int Runs,
    double MeanAccuracy, double StdAccuracy, double MeanTrainAccuracy, double MeanSeconds)
{
    public static MarginCellSummary Of(IReadOnlyList<MarginRunResult> runs)
    {
        if (runs.Count == 0) throw new ArgumentException("no runs to summarise");
        var accuracies = runs.Select(r => r.TestAccuracy).ToArray();
        var mean = accuracies.Average();
        var std = runs.Count < 2 ? 0 : Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / (runs.Count - 1));
        return new MarginCellSummary(runs[0].Loss, runs[0].Fraction, runs[0].TrainCount, runs.Count, mean, std,
            runs.Average(r => r.TrainAccuracy), runs.Average(r => r.Elapsed.TotalSeconds));
    }
}
