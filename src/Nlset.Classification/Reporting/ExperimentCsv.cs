using System.Globalization;
using System.Text;
using Nlset.Classification.Data;
using Nlset.Classification.Losses;
using Nlset.Classification.Training;

namespace Nlset.Classification.Reporting;

/// <summary>
/// The experiment as CSV (invariant culture, accuracies as fractions of 1): one row per (fraction, loss) with mean and
/// sample standard deviation of the test accuracy — the numbers behind the plot — and one row per run.
/// </summary>
public static class ExperimentCsv
{
    public const string SummaryHeader = "fraction,percent,train_examples,loss,runs,test_accuracy_mean,test_accuracy_std,train_accuracy_mean,seconds_per_run";
    public const string RunsHeader = "fraction,percent,train_examples,loss,run,seed,test_accuracy,train_accuracy,final_loss,steps,seconds";

    public static string Summary(MarginExperimentResult result)
    {
        var text = new StringBuilder(SummaryHeader).Append('\n');
        foreach (var s in result.Summaries())
            text.Append(Invariant($"{s.Fraction:R},{SubsetSelection.FormatPercent(s.Fraction)},{s.TrainCount},{s.Loss.Key()},{s.Runs},{s.MeanAccuracy:R},{s.StdAccuracy:R},{s.MeanTrainAccuracy:R},{s.MeanSeconds:F3}\n"));
        return text.ToString();
    }

    public static string Runs(MarginExperimentResult result)
    {
        var text = new StringBuilder(RunsHeader).Append('\n');
        foreach (var r in result.Runs)
            text.Append(Invariant($"{r.Fraction:R},{SubsetSelection.FormatPercent(r.Fraction)},{r.TrainCount},{r.Loss.Key()},{r.Run},{r.Seed},{r.TestAccuracy:R},{r.TrainAccuracy:R},{r.FinalLoss:R},{r.Steps},{r.Elapsed.TotalSeconds:F3}\n"));
        return text.ToString();
    }

    static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
