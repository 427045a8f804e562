using System.Globalization;
using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Reconstruction;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Cli.Commands;

/// <summary>
/// What surface and curve reconstruction share around the trainer: a new network or one resumed from a saved model,
/// the progress line, and the common part of the --json summary.
/// </summary>
static class TrainingStart
{
    /// <summary>
    /// What a reconstruction trains: the cloud, the network (new or resumed), its normalisation, the settings; where
    /// the training saves its state (the --save-model file, else a hidden file beside the output that a finished run
    /// removes), and the state of the unfinished training it continues, if any.
    /// </summary>
    public sealed record Start(Vector3d[] Cloud, ImplicitNetwork Network, Normalization Normalization, ReconstructionSettings Settings,
        TrainingCheckpoints Checkpoints, TrainingState? Resume, bool HiddenCheckpoint) : IDisposable
    {
        public void Dispose()
        {
            Network.Dispose();
            Resume?.Dispose();
        }
    }

    /// <summary>Test hook: a training whose step reaches this number fails right after it (the CLI tests of issue 13).</summary>
    internal static int? FaultAfterStep { get; set; }

    /// <summary>Where a run without --save-model keeps its checkpoint: beside the output, hidden (".scan.recon.ply.checkpoint.nlnet").</summary>
    public static string HiddenCheckpointPath(string outputPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outputPath))!, "." + Path.GetFileName(outputPath) + ".checkpoint" + ImplicitNetworkFile.Extension);

    /// <summary>
    /// Everything before training that surface and curve reconstruction share: refuses a directory as --save-model,
    /// reads the cloud, picks the device, seeds, creates the network from <paramref name="settings"/> or loads the
    /// saved one at <paramref name="resumePath"/> (its architecture and normalisation kept; a model saved without a
    /// source normalises the cloud afresh), and logs what will be trained. The caller disposes the network.
    /// </summary>
    /// <param name="kind">"surface" (one output) or "curve" (two).</param>
    public static Start Open(CliContext ctx, string inputPath, string outputPath, string? modelPath, string? resumePath, ReconstructionSettings settings, string kind)
    {
        if (modelPath != null) OutputPath.Check(modelPath, "--save-model", "a model", ".nlnet");
        var cloud = SurfaceReconstruction.CloudOf(GeometryInput.Read(ctx, inputPath), inputPath, kind);
        var device = DeviceSelection.Resolve(settings.Device);
        Seeding.Apply(settings.Seed);
        int outputs = kind == "curve" ? 2 : 1;

        ImplicitNetwork network;
        Normalization normalization;
        TrainingState? resume = null;
        if (resumePath == null)
        {
            normalization = Normalization.FitUnitBox(cloud);
            network = new ImplicitNetwork(settings.Network);
            network.to(device);
        }
        else
        {
            var model = SurfaceModel.Load(resumePath, device);
            var spec = model.Network.Spec;
            if (spec.Outputs != outputs || spec.InputDim != 3)
            {
                model.Network.Dispose();
                throw new InvalidInputException($"{resumePath}: not a {kind} network ({spec})");
            }
            network = model.Network;
            normalization = model.Source == null && model.Normalization == Normalization.Identity ? Normalization.FitUnitBox(cloud) : model.Normalization;
            if (model.TrainingState is { } state)
            {
                // An unfinished training: it goes on with the settings it began with, from the step it reached.
                resume = TrainingState.Read(state, resumePath);
                settings = model.Settings is { } saved ? ReconstructionSettingsJson.FromJson(saved) with { Device = settings.Device } : settings with { Network = spec };
                ctx.Log.Information("Continuing the training saved in {Model} at step {Step} of {Total} ({Spec}), with its settings",
                    resumePath, resume.Iteration, settings.TimeBudget is { } budget ? ProgressReporter.Format(budget) : settings.Iterations, spec);
            }
            else
            {
                settings = settings with { Network = spec };
                ctx.Log.Information("Resuming from {Model} ({Spec})", resumePath, spec);
            }
        }

        ctx.Log.Information("Reconstructing a {Kind} from {Input}: {Points} points, network {Network} ({Parameters} parameters), {Length}, batch {Batch}, device {Device}",
            kind, inputPath, cloud.Length, settings.Network, settings.Network.ParameterCount,
            settings.TimeBudget is { } b ? $"time budget {ProgressReporter.Format(b)}" : $"{settings.Iterations} iterations",
            settings.BatchSize, device.type);
        var checkpointPath = modelPath ?? HiddenCheckpointPath(outputPath);
        var checkpoints = new TrainingCheckpoints(checkpointPath, normalization, Path.GetFullPath(inputPath), settings.ToJson());
        return new Start(cloud, network, normalization, settings, checkpoints, resume, modelPath == null);
    }

    /// <summary>After a finished (or stopped) run: the hidden checkpoint has served and goes.</summary>
    public static void Finish(Start start)
    {
        if (start.HiddenCheckpoint && File.Exists(start.Checkpoints.Path)) File.Delete(start.Checkpoints.Path);
    }

    /// <summary>
    /// A training step failed: save what can be saved, say where, and fail with one line. <paramref name="writeResult"/>
    /// writes the mesh or curve from the network's current weights (it may fail too: then only the checkpoint is left).
    /// </summary>
    public static Exception Failed(CliContext ctx, Start start, TrainingFailedException failure, string inputPath, string outputPath, Action writeResult)
    {
        ctx.Log.Debug(failure, "the failed step");
        string wrote;
        try
        {
            writeResult();
            wrote = $"; wrote {outputPath} from the weights reached";
        }
        catch (Exception e)
        {
            ctx.Log.Debug(e, "writing the result from the weights reached");
            wrote = "";
        }
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
