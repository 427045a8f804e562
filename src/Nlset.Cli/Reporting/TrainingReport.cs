using System.Globalization;
using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Reconstruction;
using TorchSharp;
using static TorchSharp.torch;

using Nlset.Cli.Commands;

namespace Nlset.Cli.Reporting;

/// <summary>
/// How `reconstruct` reports a reconstruction job (<see cref="ReconstructionJob"/>), surface or curve alike: what will
/// be trained, the progress line, the common part of the --json summary, and the one line of a failed training.
/// </summary>
static class TrainingReport
{
    /// <summary>Test hook: a training whose step reaches this number fails right after it (the CLI tests of issue 13).</summary>
    internal static int? FaultAfterStep { get; set; }

    /// <summary>Logs what will be trained.</summary>
    public static void Opened(CliContext ctx, ReconstructionJob job)
    {
        var (request, settings) = (job.Request, job.Settings);
        if (job.Resume is { } resume)
            ctx.Log.Information("Continuing the training saved in {Model} at step {Step} of {Total} ({Spec}), with its settings",
                request.Resume, resume.Iteration, settings.TimeBudget is { } budget ? ProgressReporter.Format(budget) : settings.Iterations, settings.Network);
        else if (job.ResumedWeights)
            ctx.Log.Information("Resuming from {Model} ({Spec})", request.Resume, settings.Network);
        ctx.Log.Information("Reconstructing a {Kind} from {Input}: {Points} points, network {Network} ({Parameters} parameters), {Length}, batch {Batch}, device {Device}",
            request.Shape == ReconstructionShape.Curve ? "curve" : "surface", request.Input, job.Cloud.Length, settings.Network, settings.Network.ParameterCount,
            settings.TimeBudget is { } b ? $"time budget {ProgressReporter.Format(b)}" : $"{settings.Iterations} iterations",
            settings.BatchSize, job.Device.type);
    }

    /// <summary>
    /// A training step failed: what could be saved was saved (the run wrote the mesh or curve of the weights reached
    /// when it could); say where, in one line.
    /// </summary>
    public static Exception Failed(CliContext ctx, ReconstructionFailedException failed)
    {
        var failure = failed.Training;
        ctx.Log.Debug(failure, "the failed step");
        if (failed.WriteError is { } e) ctx.Log.Debug(e, "writing the result from the weights reached");
        var (inputPath, outputPath) = (failed.Request.Input, failed.Request.Output);
        string wrote = failed.WroteOutput ? $"; wrote {outputPath} from the weights reached" : "";
        var saved = failure.CheckpointPath is { } path
            ? $"; the training so far ({failure.SavedAt} steps) is saved in {path}: continue it with 'nlset reconstruct {inputPath} --resume {path}'"
            : "; no checkpoint could be written";
        return new InvalidOperationException(failure.Message + wrote + saved, failure);
    }

    /// <summary>
    /// The progress bar's line: step, loss terms and the share of zero-level samples that reached the level set; each
    /// step also goes to <paramref name="history"/> when one is kept (for --plots).
    /// </summary>
    public static IProgress<TrainingProgress> ProgressOn(ProgressReporter bar, string dataTerm, TrainingHistory? history = null) =>
        new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Iteration == FaultAfterStep) throw new IOException($"fault injected after step {p.Iteration} (test hook)");
            history?.Report(p);
            bar.Report(p.Fraction,
                p.TotalIterations is { } total ? $"{p.Iteration}/{total}" : $"step {p.Iteration}",
                string.Create(CultureInfo.InvariantCulture, $"loss {p.Loss:F5} (dist {p.DistanceTerm:F5}, {dataTerm} {p.DataTerm:F5}{(p.FreeSpaceTerm > 0 ? $", free {p.FreeSpaceTerm:F5}" : "")}) converged {p.Converged:P0}"));
        });

    /// <summary>The fields every reconstruction's --json summary starts with; the caller adds its own.</summary>
    public static Dictionary<string, object?> Summary(string inputPath, string outputPath, string? modelPath, int points,
        NetworkSpec network, TrainingResult t, TimeSpan extraction, long fieldEvaluations) => new()
    {
        ["input"] = inputPath,
        ["output"] = outputPath,
        ["model"] = modelPath,
        ["points"] = points,
        ["network"] = network.ToString(),
        ["iterations"] = t.Iterations,
        ["stoppedByUser"] = t.Stopped,
        ["trainingSeconds"] = t.Elapsed.TotalSeconds,
        ["extractionSeconds"] = extraction.TotalSeconds,
        ["loss"] = new { total = t.Loss, distance = t.DistanceTerm, onData = t.DataTerm, freeSpace = t.FreeSpaceTerm, converged = t.Converged },
        ["secondsByStage"] = t.SecondsByStage,
        ["residentMegabytesAt100"] = t.ResidentBytesAt100 / 1048576.0,
        ["residentMegabytesAtEnd"] = t.ResidentBytesAtEnd / 1048576.0,
        ["fieldEvaluations"] = fieldEvaluations,
    };
}
