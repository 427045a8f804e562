using System.Diagnostics;
using System.Runtime.InteropServices;
using Nlset.Cli.Commands;
using Nlset.Reconstruction.Batch;

namespace Nlset.Cli;

/// <summary>
/// `batch --jobs J`: J rows at once on one machine. torch's thread count is one per process (set_num_threads is
/// process-wide in TorchSharp), so each worker is a process of this same nlset running its part of the shard
/// (<see cref="BatchShard.Split"/>) with its share of the cores. Their log lines come through prefixed with the worker;
/// the parent forwards SIGTERM and Ctrl+C to them (a Kubernetes pod's SIGTERM reaches only the first process).
/// </summary>
static class BatchWorkers
{
    public static BatchOutcome Run(CliContext ctx, BatchCommand.Settings s, BatchShard shard, int jobs, int threads, BatchPlan plan)
    {
        var parts = shard.Split(jobs);
        var (file, prefix) = Self();
        var workers = new List<Process>();
        var gate = new object();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Forward(c, workers, gate));
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Forward(c, workers, gate));
        ctx.Log.Information("Running shard {Shard} as {Jobs} worker processes with {Threads} torch thread(s) each", shard, jobs, threads);
        foreach (var part in parts)
        {
            var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var word in prefix) info.ArgumentList.Add(word);
            foreach (var word in new[] { "batch", Path.GetFullPath(s.Manifest), "--shard", part.ToString(), "--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture) })
                info.ArgumentList.Add(word);
            if (s.OutputDir != null) { info.ArgumentList.Add("--output-dir"); info.ArgumentList.Add(s.OutputDir); }
            if (s.Redo) info.ArgumentList.Add("--redo");
            if (s.RowOptions.Count > 0) foreach (var word in s.RowOptions.Prepend("--")) info.ArgumentList.Add(word);
            var process = new Process { StartInfo = info };
            var label = $"[worker {part}] ";
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (gate) ctx.Err.WriteLine(label + e.Data);
            };
            process.OutputDataReceived += (_, _) => { };
            lock (gate)
            {
                process.Start();
                workers.Add(process);
            }
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
        }
        foreach (var process in workers)
        {
            process.WaitForExit();
            if (process.ExitCode != 0) ctx.Log.Debug("worker {Id} exited with {Code}", process.Id, process.ExitCode);
        }
        // The workers' result files are the record: count this shard's rows from them.
        var report = BatchReport.Merge(shard.Rows(plan.Rows.Count).Select(i => plan.Rows[i]).ToArray());
        int failed = report.Totals.Failed, done = report.Totals.Done;
        foreach (var process in workers) process.Dispose();
        return new BatchOutcome(report.Rows.Count, 0, done, failed, report.Rows.Count - done - failed);
    }

    /// <summary>This nlset: the apphost, or the dotnet host with nlset.dll (under `dotnet nlset.dll` and in tests).</summary>
    static (string File, string[] Prefix) Self()
    {
        var process = Environment.ProcessPath;
        if (process != null && Path.GetFileNameWithoutExtension(process) == "nlset") return (process, []);
        var dll = typeof(NlsetApp).Assembly.Location;
        var host = process != null && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return (host, [dll]);
    }

    static void Forward(PosixSignalContext signal, List<Process> workers, object gate)
    {
        signal.Cancel = true;
        lock (gate)
            foreach (var worker in workers)
                if (!worker.HasExited) _ = Kill(worker.Id, signal.Signal == PosixSignal.SIGINT ? 2 : 15);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int Kill(int pid, int signal);
}
