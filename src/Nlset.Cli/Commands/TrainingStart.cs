using System.Globalization;
using Nlset.Core;
using Nlset.Geometry;
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
    /// A new network from <paramref name="settings"/>, or the saved one at <paramref name="resumePath"/> (its architecture
    /// and normalisation kept; a model saved without a source normalises <paramref name="cloud"/> afresh).
    /// </summary>
    public static (ImplicitNetwork Network, Normalization Normalization, ReconstructionSettings Settings) Open(
        CliContext ctx, string? resumePath, Vector3d[] cloud, ReconstructionSettings settings, Device device, int outputs, string kind)
    {
        if (resumePath == null)
        {
            var created = new ImplicitNetwork(settings.Network);
            created.to(device);
            return (created, Normalization.FitUnitBox(cloud), settings);
        }
        var model = SurfaceModel.Load(resumePath, device);
        var spec = model.Network.Spec;
        if (spec.Outputs != outputs || spec.InputDim != 3)
        {
            model.Network.Dispose();
            throw new InvalidInputException($"{resumePath}: not a {kind} network ({spec})");
        }
        var normalization = model.Source == null && model.Normalization == Normalization.Identity ? Normalization.FitUnitBox(cloud) : model.Normalization;
        ctx.Log.Information("Resuming from {Model} ({Spec})", resumePath, spec);
        return (model.Network, normalization, settings with { Network = spec });
    }

    /// <summary>
    /// The progress bar's line: step, loss terms and the share of zero-level samples that reached the level set; each
    /// step also goes to <paramref name="history"/> when one is kept (for --plots).
    /// </summary>
    public static IProgress<TrainingProgress> ProgressOn(ProgressReporter bar, string dataTerm, TrainingHistory? history = null) =>
        new SynchronousProgress<TrainingProgress>(p =>
        {
            history?.Report(p);
            bar.Report(p.Fraction,
                p.TotalIterations is { } total ? $"{p.Iteration}/{total}" : $"step {p.Iteration}",
                string.Create(CultureInfo.InvariantCulture, $"loss {p.Loss:F5} (dist {p.DistanceTerm:F5}, {dataTerm} {p.DataTerm:F5}) converged {p.Converged:P0}"));
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
        ["loss"] = new { total = t.Loss, distance = t.DistanceTerm, onData = t.DataTerm, converged = t.Converged },
        ["secondsByStage"] = t.SecondsByStage,
        ["residentMegabytesAt100"] = t.ResidentBytesAt100 / 1048576.0,
        ["residentMegabytesAtEnd"] = t.ResidentBytesAtEnd / 1048576.0,
        ["fieldEvaluations"] = fieldEvaluations,
    };
}
