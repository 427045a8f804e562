using System.Diagnostics;
using Nlset.Geometry;

namespace Nlset.Reconstruction.Batch;

/// <summary>Hears a batch's rows start, end and be skipped (the CLI logs them).</summary>
public interface IBatchObserver
{
    void Skipped(PlannedRow row, BatchRowResult done) { }
    void Starting(PlannedRow row, int attempt) { }

    /// <param name="error">What made the row fail, if it failed.</param>
    void Finished(PlannedRow row, BatchRowResult result, Exception? error) { }
}

/// <summary>What one task of a batch did with its shard's rows.</summary>
public sealed record BatchOutcome(int Rows, int Skipped, int Done, int Failed, int Interrupted)
{
    /// <summary>True when every row of the shard is done (now or before).</summary>
    public bool Complete => Failed == 0 && Interrupted == 0 && Skipped + Done == Rows;
}

/// <summary>Who runs the rows, for their result files.</summary>
/// <param name="Task">The engine's name for this task (a Slurm job and array index, a pod), or null.</param>
public sealed record BatchTask(BatchShard Shard, bool Redo = false, string? Task = null)
{
    public string Host { get; init; } = Environment.MachineName;
}

/// <summary>
/// Runs a shard's rows one after another: a row whose result file says done (and whose output exists) is skipped
/// unless redone; every other row gets a result file that says running, then done, failed or interrupted. A failed
/// row never stops the others; a cancellation (SIGTERM) stops the row in progress and starts no more.
/// </summary>
public static class BatchRunner
{
    /// <param name="describe">A failure's message for the result file (a front end names settings its own way); default: the message.</param>
    public static BatchOutcome Run(IReadOnlyList<PlannedRow> rows, BatchTask task, Func<PlannedRow, CancellationToken, BatchRowFigures> run,
        IBatchObserver? observer = null, CancellationToken cancel = default, Func<Exception, string>? describe = null)
    {
        observer ??= Silent.Instance;
        int inShard = 0, skipped = 0, done = 0, failed = 0, interrupted = 0;
        foreach (int index in task.Shard.Rows(rows.Count))
        {
            inShard++;
            if (cancel.IsCancellationRequested) continue;
            var row = rows[index];
            var previous = BatchRowResult.Read(row.ResultPath);
            if (!task.Redo && previous is { IsDone: true } && File.Exists(row.Output))
            {
                skipped++;
                observer.Skipped(row, previous);
                continue;
            }
            var started = new BatchRowResult
            {
                Row = row.Row.Index, Input = row.Row.Input, Output = row.Output, Status = BatchStatus.Running,
                Attempts = (previous?.Attempts ?? 0) + 1, StartedAt = DateTimeOffset.UtcNow,
                Host = task.Host, Shard = task.Shard.ToString(), Task = task.Task,
            };
            started.Write(row.ResultPath);
            observer.Starting(row, started.Attempts);
            var clock = Stopwatch.StartNew();
            BatchRowResult ended;
            Exception? error = null;
            try
            {
                var figures = run(row, cancel);
                ended = started with { Status = figures.Stopped ? BatchStatus.Interrupted : BatchStatus.Done, Figures = figures };
            }
            catch (Exception e)
            {
                error = e;
                bool stopped = e is OperationCanceledException && cancel.IsCancellationRequested;
                ended = started with { Status = stopped ? BatchStatus.Interrupted : BatchStatus.Failed, Error = FirstLine(describe?.Invoke(e) ?? e.Message) };
            }
            ended = ended with { FinishedAt = DateTimeOffset.UtcNow, Seconds = clock.Elapsed.TotalSeconds };
            ended.Write(row.ResultPath);
            switch (ended.Status)
            {
                case BatchStatus.Done: done++; break;
                case BatchStatus.Failed: failed++; break;
                default: interrupted++; break;
            }
            observer.Finished(row, ended, error);
        }
        // Rows never started because of a cancellation count as interrupted: the task did not finish its shard.
        interrupted += inShard - skipped - done - failed - interrupted;
        return new BatchOutcome(inShard, skipped, done, failed, interrupted);
    }

    /// <summary>True when the row's result file says done and its output exists: a rerun skips it.</summary>
    public static bool IsDone(PlannedRow row) => BatchRowResult.Read(row.ResultPath) is { IsDone: true } && File.Exists(row.Output);

    /// <summary>Refuses a plan in which two rows write the same output (they would overwrite each other's mesh and result).</summary>
    public static void CheckDistinctOutputs(IReadOnlyList<PlannedRow> rows)
    {
        var seen = new Dictionary<string, PlannedRow>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (seen.TryGetValue(row.Output, out var first))
                throw new InvalidInputException($"{row.Row.Source}: writes {row.Output}, as {first.Row.Source} does: give each row its own output");
            seen[row.Output] = row;
        }
    }

    static string FirstLine(string message) => message.ReplaceLineEndings("\n").Split('\n', 2)[0].Trim();

    sealed class Silent : IBatchObserver
    {
        public static readonly Silent Instance = new();
    }
}
