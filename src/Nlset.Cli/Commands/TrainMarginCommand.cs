using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nlset.Classification.Data;
using Nlset.Classification.Losses;
using Nlset.Classification.Models;
using Nlset.Classification.Reporting;
using Nlset.Classification.Training;
using Nlset.Geometry;

using Nlset.Cli.Reporting;

namespace Nlset.Cli.Commands;

/// <summary>
/// `nlset train-margin`: binary classifiers trained on small fractions of a dataset with the geometric SVM loss
/// (Eq. 11), cross-entropy or hinge, tested on the test set — one setting, a --compare of the three losses on the same
/// subsets and seeds, or a --fractions sweep written as CSV and a Figure-2 plot.
/// </summary>
public static class TrainMarginCommand
{
    /// <summary>Everything the handler needs, parsed and checked.</summary>
    public sealed record Request(
        DatasetRequest Data,
        BinaryClasses Classes,
        MarginExperimentPlan Plan,
        bool Sweep,
        string OutputDirectory,
        string? SaveModel,
        bool Json,
        int Threads,
        string? PlotsDirectory = null,
        bool Resume = false);

    public static Command Create(CliContext ctx)
    {
        var d = new MarginTrainingSettings();
        var data = DatasetOptions.ForTraining("needed for a folder with one images/labels pair, e.g. mnist-10k: 2000");
        // Measured (docs/margin.md): these networks and batches are small, and two torch threads on a busy 2-core
        // machine stalled on every tiny operation (a 0.5% MNIST run took 20-40x longer than with one).
        var torchOptions = new TorchOptions(threadsHelp: "Torch CPU threads; 1 is fastest for these small networks and batches", seedHelp: "First seed S");
        var mirror = new Option<string?>("--mirror") { Description = "Download from this base URL instead of the standard location (same file names)", HelpName = "URL" };
        var classes = new Option<string>("--classes") { Description = "The ten labels merged into two classes, class −1 : class +1", DefaultValueFactory = _ => BinaryClasses.LowAgainstHigh.ToString() };
        var fraction = new Option<string>("--fraction") { Description = "Share of the training set to train on (e.g. 0.5% or 0.005)", DefaultValueFactory = _ => "0.5%" };
        var fractions = new Option<string?>("--fractions") { Description = "Sweep these fractions (e.g. 0.1%,0.2%,0.3%,0.5%,1%,2%,5%) and write a CSV and a PNG plot (Figure 2)", HelpName = "LIST" };
        var loss = new Option<string>("--loss") { Description = "geometric-svm, cross-entropy or hinge", DefaultValueFactory = _ => d.Loss.Key() };
        var compare = new Option<bool>("--compare") { Description = "Train all three losses on the same subsets and seeds and print one table" };
        var runs = new Option<int>("--runs") { Description = "Repetitions per setting (run k uses seed S + k for its subset and initialisation)", DefaultValueFactory = _ => 5 };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training subset", DefaultValueFactory = _ => d.Epochs };
        var batchSize = new Option<int>("--batch-size") { Description = "Examples per step (smaller subsets train full-batch)", DefaultValueFactory = _ => d.BatchSize };
        var learningRate = new Option<double>("--learning-rate") { Description = "Adam's learning rate", DefaultValueFactory = _ => d.LearningRate };
        var weightDecay = new Option<double>("--weight-decay") { Description = "Adam's L2 weight decay, for every loss", DefaultValueFactory = _ => d.WeightDecay };
        var lambda = new Option<double>("--lambda") { Description = "λ of the geometric SVM's margin term (Eq. 11)", DefaultValueFactory = _ => d.Lambda };
        var model = new Option<string>("--model") { Description = "mlp (2 × 128 hidden) or cnn (2 conv + 1 hidden)", DefaultValueFactory = _ => "mlp" };
        var outputDir = new Option<string>("--output-dir") { Description = "Where a --fractions sweep writes its CSV and PNG", DefaultValueFactory = _ => ".", HelpName = "DIR" };
        var saveModel = new Option<string?>("--save-model") { Description = "Keep the trained network(s): a .nlcls file for one training, else a folder with one file per training", HelpName = "PATH" };
        var json = new Option<bool>("--json") { Description = "Print a JSON report (settings, per-run and summary accuracies, outputs) on stdout" };
        var plots = TrainingPlots.CreateOption("test and train accuracy and the loss over the epochs (one PNG per fraction, mean over runs)");
        var resume = new Option<bool>("--resume")
        {
            Description = "Continue an unfinished experiment of several trainings with the same options: its finished trainings are kept in a journal in --output-dir (.margin-DATASET-PLAN.journal.jsonl)",
        };

        var command = new Command("train-margin", "Train binary classifiers on a small fraction of a dataset with the geometric SVM loss (Eq. 11), cross-entropy or hinge, and report the test accuracy.")
        {
            data.Dataset, data.DataDirectory, data.TestSplit, data.NoDownload, mirror, classes, fraction, fractions, loss, compare, runs, torchOptions.Seed!, epochs, batchSize,
            learningRate, weightDecay, lambda, model, torchOptions.Device!, outputDir, saveModel, torchOptions.Threads!, json, plots, resume,
        };
        command.SetAction(parse =>
        {
            var torchChoice = torchOptions.Read(parse);
            var sweepText = parse.GetValue(fractions);
            var fractionList = sweepText is null
                ? new[] { SubsetSelection.ParseFraction(parse.GetValue(fraction)!) }
                : sweepText.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(SubsetSelection.ParseFraction).ToArray();
            var lossKind = MarginLossNames.Parse(parse.GetValue(loss)!);
            var settings = new MarginTrainingSettings
            {
                Model = ParseModel(parse.GetValue(model)!),
                Loss = lossKind,
                Lambda = parse.GetValue(lambda),
                Epochs = parse.GetValue(epochs),
                BatchSize = parse.GetValue(batchSize),
                LearningRate = parse.GetValue(learningRate),
                WeightDecay = parse.GetValue(weightDecay),
                Device = torchChoice.Device,
            };
            var mirrorText = parse.GetValue(mirror);
            Uri? mirrorUri = null;
            if (mirrorText is not null && (!Uri.TryCreate(mirrorText, UriKind.Absolute, out mirrorUri) || mirrorUri.Scheme is not ("http" or "https")))
                throw new InvalidInputException($"--mirror '{mirrorText}' is not an http(s) URL");
            var request = new Request(
                data.Read(parse).Request(mirrorUri),
                BinaryClasses.Parse(parse.GetValue(classes)!),
                new MarginExperimentPlan
                {
                    Losses = parse.GetValue(compare) ? [MarginLossKind.GeometricSvm, MarginLossKind.CrossEntropy, MarginLossKind.Hinge] : [lossKind],
                    Fractions = fractionList,
                    Runs = parse.GetValue(runs),
                    FirstSeed = torchChoice.Seed,
                    Training = settings,
                }.Validated(),
                sweepText is not null,
                Path.GetFullPath(parse.GetValue(outputDir)!),
                parse.GetValue(saveModel) is { } m ? Path.GetFullPath(m) : null,
                parse.GetValue(json),
                torchChoice.Threads!.Value,
                parse.GetValue(plots)?.FullName,
                parse.GetValue(resume));
            return Run(ctx, request);
        });
        return command;
    }

    static ClassifierKind ParseModel(string text) => text.Trim().ToLowerInvariant() switch
    {
        "mlp" => ClassifierKind.Mlp,
        "cnn" => ClassifierKind.Cnn,
        _ => throw new InvalidInputException($"--model '{text}': expected mlp or cnn"),
    };

    /// <summary>Test hook: the experiment fails right after this many trainings finished (the CLI tests of issue 13).</summary>
    internal static int? FaultAfterTraining { get; set; }

    public static int Run(CliContext ctx, Request request)
    {
        var plan = request.Plan;
        // What can be checked before minutes of training.
        if (request.Sweep && !Directory.Exists(request.OutputDirectory))
            throw new InvalidInputException($"--output-dir {request.OutputDirectory} does not exist");
        TrainingPlots.Check(request.PlotsDirectory);
        var singleModel = plan.Trainings == 1;
        if (request.SaveModel is { } target)
        {
            if (singleModel && Directory.Exists(target)) throw new InvalidInputException($"--save-model: {target} is a folder; one training saves one file");
            if (!singleModel && File.Exists(target)) throw new InvalidInputException($"--save-model: {target} is a file; {plan.Trainings} trainings need a folder");
            var parent = Path.GetDirectoryName(target);
            if (!string.IsNullOrEmpty(parent) && !Directory.Exists(parent)) throw new InvalidInputException($"--save-model: the folder {parent} does not exist");
            if (!singleModel) Directory.CreateDirectory(target);
        }
        Nlset.Core.DeviceSelection.Resolve(plan.Training.Device);
        TorchChoice.ApplyThreads(request.Threads);

        // Several trainings keep a journal of the finished ones, so a failure late in a sweep loses one training.
        var key = DatasetCatalog.KeyOf(request.Data.Dataset);
        MarginSweepJournal? journal = null;
        (string Path, string Plan)? newJournal = null;
        if (plan.Trainings > 1)
        {
            if (!Directory.Exists(request.OutputDirectory)) throw new InvalidInputException($"--output-dir {request.OutputDirectory} does not exist");
            var planKey = JsonSerializer.Serialize(new { key, classes = request.Classes.ToString(), request.Data.TestSplit, plan });
            // Named by the plan, so experiments with other options can run side by side in one folder.
            var planHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(planKey)))[..12];
            var journalPath = Path.Combine(request.OutputDirectory, $".margin-{key}-{planHash}.journal.jsonl");
            if (request.Resume)
            {
                journal = MarginSweepJournal.Continue(journalPath, planKey);
                ctx.Log.Information("Continuing the experiment in {Journal}: {Done} of {Total} trainings finished", journalPath, journal.Done.Count, plan.Trainings);
            }
            else if (File.Exists(journalPath))
                throw new InvalidInputException($"{journalPath}: an unfinished experiment left its journal here; continue it with --resume (same options), or remove the file");
            else newJournal = (journalPath, planKey);   // started once the data has loaded: a bad data folder leaves no journal
        }
        else if (request.Resume) throw new InvalidInputException("--resume continues an experiment of several trainings (--fractions, --runs or --compare); one training has nothing to continue");

        DatasetSplit data;
        using (var bar = new ProgressReporter(ctx, "download"))
        {
            var downloads = new SynchronousProgress<DownloadProgress>(p => bar.Report(p.TotalBytes is > 0 ? (double)p.Bytes / p.TotalBytes.Value : 0,
                p.File, string.Create(CultureInfo.InvariantCulture, $"{p.Bytes / 1048576.0:F1}{(p.TotalBytes is { } t ? $" / {t / 1048576.0:F1}" : "")} MB"),
                force: p.Bytes == p.TotalBytes));
            data = DatasetLoader.Load(request.Data, downloads);
        }
        ctx.Log.Information("{Dataset}: {Train} training and {Test} test images of {C}x{H}x{W} from {Source}; classes {Classes}",
            key, data.Train.Count, data.Test.Count, data.Train.Channels, data.Train.Height, data.Train.Width, data.Train.Source, request.Classes);
        var spec = ClassifierSpec.Default(plan.Training.Model, data.Train.Channels, data.Train.Height, data.Train.Width);
        ctx.Log.Information("{Trainings} training(s): {Losses} × {Fractions} × {Runs} run(s); model {Spec} ({Parameters} parameters), {Epochs} epochs, batch {Batch}, Adam {Rate} (weight decay {Decay}), λ {Lambda}",
            plan.Trainings, string.Join("/", plan.Losses.Select(l => l.Key())), string.Join(",", plan.Fractions.Select(SubsetSelection.FormatPercent)),
            plan.Runs, spec, spec.ParameterCount, plan.Training.Epochs, plan.Training.BatchSize, plan.Training.LearningRate, plan.Training.WeightDecay, plan.Training.Lambda);

        if (newJournal is { } started) journal = MarginSweepJournal.Start(started.Path, started.Plan);
        var saved = new List<string>();
        MarginExperimentResult result;
        using (var stop = new CtrlCStop(ctx))
        using (var bar = new ProgressReporter(ctx, "training"))
        {
            var progress = new SynchronousProgress<MarginExperiment.Progress>(p => bar.Report(
                (p.Done + (double)p.Step / Math.Max(1, p.Steps)) / p.Total,
                $"{Math.Min(p.Done + 1, p.Total)}/{p.Total} {p.Loss.Key()} {SubsetSelection.FormatPercent(p.Fraction)} run {p.Run + 1}",
                string.Create(CultureInfo.InvariantCulture, $"loss {p.StepLoss:F4}"), force: p.Done == p.Total));
            try
            {
                int finished = 0;
                result = MarginExperiment.Run(data, request.Classes, plan, progress, stop.Token, (network, s, run) =>
                {
                    if (++finished == FaultAfterTraining) throw new IOException($"fault injected after training {finished} (test hook)");
                    if (request.SaveModel is null) return;
                    var path = singleModel ? request.SaveModel : Path.Combine(request.SaveModel, ModelFileName(run));
                    ClassifierFile.Save(network, s, path, ModelMetadata(key, request, run).ToJsonString());
                    saved.Add(path);
                }, recordHistory: request.PlotsDirectory is not null, journal);
            }
            catch (Exception e) when (journal is not null && e is not InvalidInputException and not OperationCanceledException)
            {
                bar.Dispose();
                ctx.Log.Debug(e, "the failed training");
                throw new InvalidOperationException($"{NlsetApp.FirstLine(e.Message)}; the {journal.Done.Count} finished trainings are kept in {journal.Path}: rerun the same command with --resume to continue", e);
            }
        }
        if (journal is not null && result.Stopped)
            ctx.Log.Warning("The finished trainings are kept in {Journal}: rerun the same command with --resume to continue", journal.Path);
        else if (journal is not null) File.Delete(journal.Path);
        if (result.Runs.Count == 0) throw new OperationCanceledException();
        if (result.Stopped) ctx.Log.Warning("Stopped by Ctrl+C: reporting the {Done} of {Total} trainings that finished", result.Runs.Count, plan.Trainings);
        ctx.Log.Information("{Count} trainings in {Seconds:F1} s", result.Runs.Count, result.Elapsed.TotalSeconds);

        string? csv = null, runsCsv = null, png = null;
        if (request.Sweep)
        {
            var stem = Path.Combine(request.OutputDirectory, $"margin-{key}");
            csv = stem + ".csv";
            runsCsv = stem + "-runs.csv";
            png = stem + ".png";
            File.WriteAllText(csv, ExperimentCsv.Summary(result));
            File.WriteAllText(runsCsv, ExperimentCsv.Runs(result));
            AccuracyPlot.Save(result, png, $"{key}, classes {request.Classes}, {plan.Runs} runs, {spec.Kind.ToString().ToLowerInvariant()}");
            ctx.Log.Information("Wrote {Csv}, {RunsCsv} and {Png}", csv, runsCsv, png);
        }
        if (saved.Count > 0) ctx.Log.Information("Saved {Count} model(s) to {Path}", saved.Count, request.SaveModel);
        var curves = request.PlotsDirectory is { } plotsDir ? MarginPlots.Write(ctx, plotsDir, result, key) : [];

        if (request.Json)
        {
            var report = JsonReport(key, request, spec, result, csv, runsCsv, png, saved);
            report["epochPlots"] = curves.Count == 0 ? null : new JsonArray(curves.Select(c => (JsonNode)JsonValue.Create(c)!).ToArray());
            ctx.Out.WriteLine(report.ToJsonString(CliJson.Options));
        }
        else WriteTable(ctx.Out, result);
        return (int)ExitCode.Success;
    }

    static string ModelFileName(MarginRunResult run) =>
        $"{run.Loss.Key()}-{SubsetSelection.FormatPercent(run.Fraction).Replace("%", "pct")}-run{run.Run + 1:D2}{ClassifierFile.Extension}";

    static JsonObject ModelMetadata(string dataset, Request request, MarginRunResult run)
    {
        var settings = (request.Plan.Training with { Loss = run.Loss }).ToJson();
        return new JsonObject
        {
            ["dataset"] = dataset,
            ["classes"] = request.Classes.ToString(),
            ["fraction"] = run.Fraction,
            ["trainExamples"] = run.TrainCount,
            ["seed"] = run.Seed,
            ["testAccuracy"] = run.TestAccuracy,
            ["settings"] = settings,
        };
    }

    /// <summary>The result table: one row per fraction and loss, accuracies in per cent.</summary>
    public static void WriteTable(TextWriter output, MarginExperimentResult result)
    {
        var runs = result.Plan.Runs;
        output.WriteLine($"train {result.TrainCount} / test {result.TestCount} images; test accuracy: mean ± std over {runs} run{(runs == 1 ? "" : "s")}");
        output.WriteLine($"{"fraction",-9} {"examples",8}  {"loss",-14} {"test accuracy",-18} {"train acc.",10} {"s/run",7}");
        foreach (var s in result.Summaries())
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{SubsetSelection.FormatPercent(s.Fraction),-9} {s.TrainCount,8}  {s.Loss.Key(),-14} {$"{100 * s.MeanAccuracy:F2} ± {100 * s.StdAccuracy:F2} %",-18} {$"{100 * s.MeanTrainAccuracy:F1} %",10} {s.MeanSeconds,7:F2}"));
    }

    static JsonObject JsonReport(string dataset, Request request, ClassifierSpec spec, MarginExperimentResult result,
        string? csv, string? runsCsv, string? png, IReadOnlyList<string> saved) => new()
    {
        ["dataset"] = dataset,
        ["classes"] = request.Classes.ToString(),
        ["trainImages"] = result.TrainCount,
        ["testImages"] = result.TestCount,
        ["model"] = spec.ToString(),
        ["parameters"] = spec.ParameterCount,
        ["settings"] = request.Plan.Training.ToJson(),
        ["runs"] = request.Plan.Runs,
        ["firstSeed"] = request.Plan.FirstSeed,
        ["seconds"] = result.Elapsed.TotalSeconds,
        ["stoppedByUser"] = result.Stopped,
        ["summary"] = new JsonArray(result.Summaries().Select(s => (JsonNode)new JsonObject
        {
            ["loss"] = s.Loss.Key(),
            ["fraction"] = s.Fraction,
            ["trainExamples"] = s.TrainCount,
            ["runs"] = s.Runs,
            ["testAccuracyMean"] = s.MeanAccuracy,
            ["testAccuracyStd"] = s.StdAccuracy,
            ["trainAccuracyMean"] = s.MeanTrainAccuracy,
            ["secondsPerRun"] = s.MeanSeconds,
        }).ToArray()),
        ["results"] = new JsonArray(result.Runs.Select(r => (JsonNode)new JsonObject
        {
            ["loss"] = r.Loss.Key(),
            ["fraction"] = r.Fraction,
            ["run"] = r.Run,
            ["seed"] = r.Seed,
            ["trainExamples"] = r.TrainCount,
            ["testAccuracy"] = r.TestAccuracy,
            ["trainAccuracy"] = r.TrainAccuracy,
            ["finalLoss"] = double.IsFinite(r.FinalLoss) ? r.FinalLoss : null,
            ["steps"] = r.Steps,
            ["seconds"] = r.Elapsed.TotalSeconds,
        }).ToArray()),
        ["csv"] = csv,
        ["runsCsv"] = runsCsv,
        ["plot"] = png,
        ["models"] = saved.Count == 0 ? null : new JsonArray(saved.Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()),
    };
}
