using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Nlset.Geometry;
using Nlset.Reconstruction.Batch;
using TorchSharp;

namespace Nlset.Cli.Commands;

/// <summary>
/// `nlset batch MANIFEST`: many `nlset reconstruct` runs, one per manifest row, sharded over the tasks of a Slurm job
/// array or a Kubernetes Indexed Job without a coordinator, each row's result in its own file so that a rerun
/// finishes what a crash or a pre-emption left.
/// </summary>
public static class BatchCommand
{
    public sealed record Settings(string Manifest, IReadOnlyList<string> RowOptions, string? OutputDir, string? Shard, int? Shards, int Jobs, int? Threads, bool Redo, bool Json, bool Check = false);

    public static readonly Argument<string> ManifestArgument = new("MANIFEST")
    {
        Description = "The rows: a .csv (header row; columns input, and optionally output, options, --OPTION columns and others kept for batch-report), " +
            "a .jsonl (one object per line, the same keys), a folder (one row per point cloud) or a quoted glob such as 'scans/*.ply'",
    };

    /// <summary>reconstruct options for every row, after `--`.</summary>
    public static readonly Argument<string[]> RowOptionsArgument = new("OPTIONS")
    {
        Description = "After --: `nlset reconstruct` options for every row, e.g. -- --iterations 100 --threads 1 (a row's own options win)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<DirectoryInfo?> CreateOutputDirOption() => new("--output-dir")
    {
        Description = "Where the rows without an output column write (INPUT.recon.ply, or .obj with --curve) [default: beside each input]",
        HelpName = "DIR",
    };

    public static Command Create(CliContext ctx)
    {
        var outputDir = CreateOutputDirOption();
        var shard = new Option<string?>("--shard")
        {
            Description = "Run rows K, K+N, K+2N… of the manifest (0 ≤ K < N) [default: from SLURM_ARRAY_TASK_ID under a Slurm job array, " +
                "JOB_COMPLETION_INDEX with --shards under a Kubernetes Indexed Job, else 0/1: every row]",
            HelpName = "K/N",
        };
        var shards = new Option<int?>("--shards")
        {
            Description = "The number of shards when the engine gives the shard's number: SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX is then K " +
                "(with Slurm, without --shards, the array's range is the batch)",
            HelpName = "N",
        };
        var jobs = new Option<int>("--jobs", "-j")
        {
            Description = "Rows run at once on this machine, each in its own process with the cores divided between them",
            DefaultValueFactory = _ => 1,
            CustomParser = NumberRange.AtLeast(1, 1),
            HelpName = "J",
        };
        var threads = new Option<int?>("--threads")
        {
            Description = "CPU threads for torch in each row that gives no --threads of its own [default: all cores / --jobs]",
            HelpName = "N",
        };
        var redo = new Option<bool>("--redo") { Description = "Run the rows whose result says done again (by default they are skipped)" };
        var json = new Option<bool>("--json") { Description = "Print this task's counts as JSON on stdout" };
        var check = new Option<bool>("--check") { Description = "Check every row (options, inputs, outputs) and count the rows done and to run, without running any" };
        var command = new Command("batch",
            "Run `nlset reconstruct` on every row of a manifest, or on this task's shard of it; rows already done are skipped, a failed row does not stop the others.")
        {
            ManifestArgument, RowOptionsArgument, outputDir, shard, shards, jobs, threads, redo, json, check,
        };
        command.SetAction(parse => Run(ctx, new Settings(parse.GetValue(ManifestArgument)!, parse.GetValue(RowOptionsArgument) ?? [], parse.GetValue(outputDir)?.FullName, parse.GetValue(shard),
            parse.GetValue(shards), parse.GetValue(jobs), parse.GetValue(threads), parse.GetValue(redo), parse.GetValue(json), parse.GetValue(check))));
        return command;
    }

    public static int Run(CliContext ctx, Settings s)
    {
        if (s.Threads is < 1) throw new InvalidInputException($"--threads must be at least 1, got {s.Threads}");
        var (shard, source) = BatchShard.Resolve(s.Shard, s.Shards, Environment.GetEnvironmentVariable);
        var plan = BatchPlan.Make(s.Manifest, s.OutputDir, s.RowOptions, check: true);
        int mine = shard.Rows(plan.Rows.Count).Count();
        ctx.Log.Information("Batch {Manifest}: {Rows} rows checked; shard {Shard} ({Source}): {Mine} row(s)", s.Manifest, plan.Rows.Count, shard, source, mine);
        if (s.Check)
        {
            var t = BatchReport.Merge(plan.Rows).Totals;
            int toRun = shard.Rows(plan.Rows.Count).Count(i => s.Redo || !BatchRunner.IsDone(plan.Rows[i]));
            ctx.Log.Information("Checked: {Rows} rows, {Done} done; shard {Shard} would run {ToRun} of its {Mine} row(s)", t.Rows, t.Done, shard, toRun, mine);
            ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{t.Rows} rows, {t.Done} done; shard {shard}: {toRun} of {mine} to run"));
            return (int)ExitCode.Success;
        }
        int threads = s.Threads ?? Math.Max(1, Environment.ProcessorCount / s.Jobs);
        BatchOutcome outcome;
        if (s.Jobs > 1 && mine > 1)
        {
            outcome = BatchWorkers.Run(ctx, s, shard, Math.Min(s.Jobs, mine), threads, plan);
        }
        else
        {
            using var stop = new CancellationTokenSource();
            long[] first = [0];
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(ctx, c, stop, "SIGTERM", first));
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(ctx, c, stop, "Ctrl+C", first));
            var task = new BatchTask(shard, s.Redo, EngineTask());
            outcome = BatchRunner.Run(plan.Rows, task, (row, cancel) =>
            {
                var invocation = plan.Invocations[row.Row.Index];
                torch.set_num_threads(invocation.Threads ?? threads);
                var result = ReconstructCommand.Execute(ctx, invocation with { Threads = null }, cancel);
                return BatchRowFigures.Of(result);
            }, new BatchLog(ctx, plan.Rows.Count), stop.Token, SettingFlags.MessageOf);
        }
        ctx.Log.Information("Shard {Shard}: {Rows} row(s): {Done} done, {Skipped} skipped (done before), {Failed} failed, {Interrupted} interrupted or not started",
            shard, outcome.Rows, outcome.Done, outcome.Skipped, outcome.Failed, outcome.Interrupted);
        if (s.Json)
            ctx.Out.WriteLine(JsonSerializer.Serialize(new { manifest = s.Manifest, shard = shard.ToString(), outcome.Rows, outcome.Done, outcome.Skipped, outcome.Failed, outcome.Interrupted }, CliJson.Options));
        return (int)(outcome.Complete ? ExitCode.Success : ExitCode.Failure);
    }

    /// <summary>
    /// The first signal stops the row in progress after its step (its result says interrupted, a rerun runs it again);
    /// one a few seconds later ends the process. The same signal often comes twice at once (Slurm signals every process
    /// of the step, and `--jobs` forwards SIGTERM to its workers): those are one request.
    /// </summary>
    static void Stop(CliContext ctx, PosixSignalContext signal, CancellationTokenSource stop, string name, long[] firstTicks)
    {
        if (stop.IsCancellationRequested)
        {
            signal.Cancel = Environment.TickCount64 - firstTicks[0] < 3000;
            return;
        }
        firstTicks[0] = Environment.TickCount64;
        signal.Cancel = true;
        stop.Cancel();
        ctx.Log.Warning("{Signal}: stopping the row in progress after its step; no more rows start (rerun the batch to finish)", name);
    }

    /// <summary>The engine's name of this task, for the result files: Slurm's job and array index, or the pod's name.</summary>
    static string? EngineTask()
    {
        string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
        if (Env("SLURM_ARRAY_JOB_ID") is { } job) return $"slurm {job}_{Env("SLURM_ARRAY_TASK_ID")}";
        if (Env("SLURM_JOB_ID") is { } single) return $"slurm {single}";
        if (Env("JOB_COMPLETION_INDEX") is { } index) return $"kubernetes {Env("HOSTNAME") ?? "pod"} index {index}";
        return null;
    }

    /// <summary>The batch's own log lines around each row's (which are reconstruct's).</summary>
    sealed class BatchLog(CliContext ctx, int rows) : IBatchObserver
    {
        public void Skipped(PlannedRow row, BatchRowResult done) =>
            ctx.Log.Debug("Row {Row}/{Rows} ({Source}): done before, skipped ({Output})", row.Row.Index + 1, rows, row.Row.Source, row.Output);

        public void Starting(PlannedRow row, int attempt) =>
            ctx.Log.Information("Row {Row}/{Rows} ({Source}): {Input} -> {Output}{Attempt}", row.Row.Index + 1, rows, row.Row.Source, row.Row.Input, row.Output,
                attempt > 1 ? $" (attempt {attempt})" : "");

        public void Finished(PlannedRow row, BatchRowResult result, Exception? error)
        {
            if (error is not null) ctx.Log.Debug(error, "row {Row}", row.Row.Index + 1);
            if (result.Status == BatchStatus.Done)
                ctx.Log.Information("Row {Row}/{Rows}: done in {Seconds:F1} s", row.Row.Index + 1, rows, result.Seconds);
            else
                ctx.Log.Error("Row {Row}/{Rows} ({Source}): {Status}{Error}", row.Row.Index + 1, rows, row.Row.Source, result.Status,
                    result.Error is { } e ? $": {e}" : "");
        }
    }
}
