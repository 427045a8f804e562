namespace Nlset.Classification.Training;

/// <summary>Every run of an experiment, its wall time, and whether Ctrl+C cut it short (then only whole runs are listed).</summary>
public sealed record MarginExperimentResult(MarginExperimentPlan Plan, int TrainCount, int TestCount,
    IReadOnlyList<MarginRunResult> Runs, TimeSpan Elapsed, bool Stopped)
{
    /// <summary>One summary per (fraction, loss) that has runs, fractions in the plan's order, then losses in its order.</summary>
    public IReadOnlyList<MarginCellSummary> Summaries() =>
        Plan.Fractions.SelectMany(f => Plan.Losses.Select(l => Runs.Where(r => r.Fraction == f && r.Loss == l).ToList()))
            .Where(cell => cell.Count > 0)
            .Select(MarginCellSummary.Of)
            .ToList();
}
