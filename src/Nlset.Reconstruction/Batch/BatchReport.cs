namespace Nlset.Reconstruction.Batch;

/// <summary>One row of a merged report: the planned row and its result file as found.</summary>
public sealed record BatchReportRow(PlannedRow Row, BatchRowResult? Result)
{
    /// <summary>The result's status; "not started" without a result; "missing" when a done row's output is gone (a rerun makes it again).</summary>
    public string Status => Result is null ? NotStarted : Result.IsDone && !File.Exists(Row.Output) ? Missing : Result.Status;

    public const string NotStarted = "not started";
    public const string Missing = "missing";
}

/// <summary>The counts and times of a batch, from its result files.</summary>
/// <param name="Seconds">The rows' wall times added up (the machine time the batch took, not the span of the run).</param>
public sealed record BatchTotals(int Rows, int Done, int Failed, int Interrupted, int Running, int NotStarted, int Missing,
    double Seconds, double TrainingSeconds, int Attempts)
{
    public bool Complete => Done == Rows;
}

/// <summary>
/// What `nlset batch-report` merges: every row's result file (written by whichever task ran it) into one table, with
/// the totals, the failures, and the slowest rows.
/// </summary>
public sealed record BatchReport(IReadOnlyList<BatchReportRow> Rows, BatchTotals Totals, IReadOnlyList<BatchReportRow> Failures,
    IReadOnlyList<BatchReportRow> Slowest)
{
    public static BatchReport Merge(IReadOnlyList<PlannedRow> rows, int slowest = 5)
    {
        var merged = rows.Select(r => new BatchReportRow(r, BatchRowResult.Read(r.ResultPath))).ToArray();
        int Count(string status) => merged.Count(r => r.Status == status);
        var totals = new BatchTotals(merged.Length, Count(BatchStatus.Done), Count(BatchStatus.Failed), Count(BatchStatus.Interrupted),
            Count(BatchStatus.Running), Count(BatchReportRow.NotStarted), Count(BatchReportRow.Missing),
            merged.Sum(r => r.Result?.Seconds ?? 0), merged.Sum(r => r.Result?.Figures?.TrainingSeconds ?? 0), merged.Sum(r => r.Result?.Attempts ?? 0));
        return new BatchReport(merged, totals,
            merged.Where(r => r.Status == BatchStatus.Failed).ToArray(),
            merged.Where(r => r.Status == BatchStatus.Done && r.Result!.Seconds is not null).OrderByDescending(r => r.Result!.Seconds).Take(slowest).ToArray());
    }
}
