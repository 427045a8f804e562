using Nlset.Geometry;
using Nlset.Reconstruction.Batch;

namespace Nlset.Reconstruction.Tests.Batch;

/// <summary>Skipping, redoing, failures and interruptions of a batch, with rows that write a file instead of training.</summary>
public sealed class BatchRunnerTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nlset-batch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    PlannedRow[] Rows(int count) => Enumerable.Range(0, count).Select(i =>
    {
        var input = Path.Combine(_dir, $"cloud{i}.ply");
        return new PlannedRow(new BatchRow(i, input, null, [], new Dictionary<string, string>(), $"m.csv:{i + 2}", _dir), Path.Combine(_dir, $"cloud{i}.recon.ply"));
    }).ToArray();

    /// <summary>A row that writes its output and counts its runs; rows in <paramref name="failing"/> throw.</summary>
    static Func<PlannedRow, CancellationToken, BatchRowFigures> Writing(List<int> ran, params int[] failing) => (row, _) =>
    {
        ran.Add(row.Row.Index);
        if (failing.Contains(row.Row.Index)) throw new InvalidInputException($"{row.Row.Input}: 5 points cannot describe a surface\nsecond line");
        File.WriteAllText(row.Output, "mesh");
        return new BatchRowFigures { Iterations = 10, Loss = 0.5, Triangles = 20 };
    };

    [Fact]
    public void RunsItsShardAndSkipsDoneRowsOnARerun()
    {
        var rows = Rows(5);
        var ran = new List<int>();
        var first = BatchRunner.Run(rows, new BatchTask(BatchShard.Parse("1/2"), Task: "slurm 7_1"), Writing(ran));
        Assert.Equal([1, 3], ran);
        Assert.Equal(new BatchOutcome(2, 0, 2, 0, 0), first);
        Assert.True(first.Complete);
        var result = BatchRowResult.Read(rows[3].ResultPath)!;
        Assert.Equal((3, BatchStatus.Done, 1, "1/2", "slurm 7_1"), (result.Row, result.Status, result.Attempts, result.Shard, result.Task));
        Assert.Equal(20, result.Figures!.Triangles);
        Assert.NotNull(result.Seconds);
        Assert.Null(BatchRowResult.Read(rows[0].ResultPath));

        ran.Clear();
        var all = BatchRunner.Run(rows, new BatchTask(BatchShard.All), Writing(ran));
        Assert.Equal([0, 2, 4], ran);
        Assert.Equal(new BatchOutcome(5, 2, 3, 0, 0), all);
        Assert.Equal(1, BatchRowResult.Read(rows[3].ResultPath)!.Attempts);

        // --redo runs done rows again; a done row whose output is gone runs again without it.
        ran.Clear();
        BatchRunner.Run(rows, new BatchTask(BatchShard.Parse("0/5"), Redo: true), Writing(ran));
        File.Delete(rows[2].Output);
        BatchRunner.Run(rows, new BatchTask(BatchShard.All), Writing(ran));
        Assert.Equal([0, 2], ran);
        Assert.Equal(2, BatchRowResult.Read(rows[0].ResultPath)!.Attempts);
        Assert.Equal(2, BatchRowResult.Read(rows[2].ResultPath)!.Attempts);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void AFailedRowDoesNotStopTheOthersAndMarksTheBatchIncomplete()
    {
        var rows = Rows(4);
        var ran = new List<int>();
        var outcome = BatchRunner.Run(rows, new BatchTask(BatchShard.All), Writing(ran, failing: 1));
        Assert.Equal([0, 1, 2, 3], ran);
        Assert.Equal(new BatchOutcome(4, 0, 3, 1, 0), outcome);
        Assert.False(outcome.Complete);
        var failed = BatchRowResult.Read(rows[1].ResultPath)!;
        Assert.Equal(BatchStatus.Failed, failed.Status);
        Assert.Equal($"{rows[1].Row.Input}: 5 points cannot describe a surface", failed.Error);

        // A rerun tries the failed row again, and only it.
        ran.Clear();
        Assert.True(BatchRunner.Run(rows, new BatchTask(BatchShard.All), Writing(ran)).Complete);
        Assert.Equal([1], ran);
        Assert.Equal(2, BatchRowResult.Read(rows[1].ResultPath)!.Attempts);
    }

    [Fact]
    public void AStopInterruptsTheRowInProgressAndStartsNoMore()
    {
        var rows = Rows(3);
        using var stop = new CancellationTokenSource();
        var ran = new List<int>();
        var outcome = BatchRunner.Run(rows, new BatchTask(BatchShard.All), (row, cancel) =>
        {
            ran.Add(row.Row.Index);
            stop.Cancel();   // SIGTERM arrives during the first row: its training stops early
            File.WriteAllText(row.Output, "partial");
            return new BatchRowFigures { Iterations = 3, Stopped = cancel.IsCancellationRequested };
        }, cancel: stop.Token);
        Assert.Equal([0], ran);
        Assert.Equal(new BatchOutcome(3, 0, 0, 0, 3), outcome);
        Assert.Equal(BatchStatus.Interrupted, BatchRowResult.Read(rows[0].ResultPath)!.Status);

        // The interrupted row is not done: the rerun runs it (and the rest).
        ran.Clear();
        BatchRunner.Run(rows, new BatchTask(BatchShard.All), Writing(ran));
        Assert.Equal([0, 1, 2], ran);
    }

    [Fact]
    public void ARowLeftRunningByAKilledTaskRunsAgain()
    {
        var rows = Rows(2);
        new BatchRowResult { Row = 0, Input = rows[0].Row.Input, Output = rows[0].Output, Status = BatchStatus.Running, Attempts = 1 }.Write(rows[0].ResultPath);
        File.WriteAllText(rows[0].Output, "half-written by a killed task");
        File.WriteAllText(rows[1].ResultPath, "{ not json");
        var ran = new List<int>();
        BatchRunner.Run(rows, new BatchTask(BatchShard.All), Writing(ran));
        Assert.Equal([0, 1], ran);
        Assert.Equal(2, BatchRowResult.Read(rows[0].ResultPath)!.Attempts);
    }

    [Fact]
    public void ThousandsOfDoneRowsAreAllSkipped()
    {
        // How fast is tests/benchmarks/batch-skip.sh's business; here, that a rerun runs none of them.
        var rows = Rows(1000);
        var ran = new List<int>();
        BatchRunner.Run(rows, new BatchTask(BatchShard.All), Writing(ran));
        var again = BatchRunner.Run(rows, new BatchTask(BatchShard.All), Writing(ran));
        Assert.Equal(1000, again.Skipped);
        Assert.Equal(1000, ran.Count);
    }

    [Fact]
    public void TwoRowsWritingOneOutputAreRefused()
    {
        var rows = Rows(3);
        rows[2] = rows[2] with { Output = rows[0].Output };
        var e = Assert.Throws<InvalidInputException>(() => BatchRunner.CheckDistinctOutputs(rows));
        Assert.Contains("m.csv:4", e.Message);
        Assert.Contains("m.csv:2", e.Message);
    }

    [Fact]
    public void TheReportMergesTheResultFiles()
    {
        var rows = Rows(6);
        var ran = new List<int>();
        BatchRunner.Run(rows, new BatchTask(BatchShard.Parse("0/2")), Writing(ran, failing: 2));   // rows 0, 2 (failed), 4
        BatchRunner.Run(rows, new BatchTask(BatchShard.Parse("1/2")), (row, _) =>
        {
            File.WriteAllText(row.Output, "mesh");
            Thread.Sleep(row.Row.Index == 3 ? 60 : 1);
            return new BatchRowFigures { Iterations = 10, TrainingSeconds = row.Row.Index };
        }, cancel: new CancellationToken(false));
        File.Delete(rows[5].Output);
        new BatchRowResult { Row = 1, Input = rows[1].Row.Input, Output = rows[1].Output, Status = BatchStatus.Running, Attempts = 2 }.Write(rows[1].ResultPath);

        var report = BatchReport.Merge(rows.Append(Rows(7)[6]).ToArray(), slowest: 2);
        var t = report.Totals;
        Assert.Equal((7, 3, 1, 0, 1, 1, 1), (t.Rows, t.Done, t.Failed, t.Interrupted, t.Running, t.NotStarted, t.Missing));
        Assert.False(t.Complete);
        Assert.Equal(1 + 1 + 1 + 2 + 1 + 1, t.Attempts);
        Assert.Equal(8.0, t.TrainingSeconds);   // rows 3 and 5 (row 1's result now says running; shard 0's rows report 0)
        Assert.Equal([2], report.Failures.Select(r => r.Row.Row.Index));
        Assert.Equal(3, report.Slowest[0].Row.Row.Index);
        Assert.Equal(2, report.Slowest.Count);
        Assert.Equal(BatchReportRow.Missing, report.Rows[5].Status);
        Assert.Equal(BatchReportRow.NotStarted, report.Rows[6].Status);
    }
}
