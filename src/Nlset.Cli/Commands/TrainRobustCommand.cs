using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Nlset.Classification.Attacks;
using Nlset.Classification.Data;
using Nlset.Classification.Models;
using Nlset.Classification.Reporting;
using Nlset.Classification.Robust;
using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using TorchSharp;

namespace Nlset.Cli.Commands;

/// <summary>
/// `nlset train-robust`: a ten-class network trained for L∞ robustness with the level-set loss (Eq. 12, --method ours) or
/// a baseline (xent, madry, trades). A checkpoint after every epoch (atomic), --resume from it, Ctrl+C saves and exits 0,
/// a progress bar with the loss and clean accuracy, the clean and robust accuracy of a validation slice after each epoch.
/// </summary>
public static class TrainRobustCommand
{
    /// <summary>Everything the handler needs, parsed. Null numbers keep the per-dataset defaults (or the checkpoint's, with --resume).</summary>
    public sealed record Request(
        DatasetRequest Data,
        RobustMethod Method,
        RobustArchitecture? Architecture,
        int? Epochs,
        double? EpsTrain,
        double? EpsWrong,
        double? LambdaCorrect,
        RobustDistance? Distance,
        WrongWithoutBoundary? WrongFallback,
        double? Beta,
        int? BatchSize,
        double? LearningRate,
        int? PgdSteps,
        double? PgdStepSize,
        int? Validation,
        string Output,
        bool Resume,
        string? PlotDirectory,
        TorchChoice Torch,
        bool Json,
        int? EpsRamp = null,
        double? WeightDecay = null);

    public static Command Create(CliContext ctx)
    {
        var data = DatasetOptions.ForTraining("mnist-10k: 2000");
        // Measured (docs/robust.md): ConvNet-4a epochs took 73 s on one torch thread and 176-259 s on two on this shared 2-core machine.
        var torchOptions = new TorchOptions(threadsHelp: "Torch CPU threads; 1 is fastest on a busy 2-core machine",
            seedHelp: "Seed of the initialisation, the order of the examples and the PGD starts");
        var method = new Option<string>("--method") { Description = "ours (Eq. 12), xent, madry (PGD adversarial training) or trades", DefaultValueFactory = _ => "ours" };
        var arch = new Option<string?>("--arch") { Description = "convnet4a (MNIST default; the authors' network, linear head), convnet4b (CIFAR-10 default), resnet18 or smallcnn (ConvNet-4a with ReLUs in the head)", HelpName = "NAME" };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs [default: 100; with --resume: the new total]", HelpName = "N" };
        var epsTrain = new Option<double?>("--eps-train") { Description = "Training radius: ε_correct of ours (MNIST 0.4, CIFAR-10 0.045), the attack ε of madry/trades (0.3, 0.031)", HelpName = "E" };
        var epsWrong = new Option<double?>("--eps-wrong") { Description = "ours: ε_wrong (MNIST 0.5, CIFAR-10 0.05)", HelpName = "E" };
        var epsRamp = new Option<int?>("--eps-ramp")
        {
            Description = $"ours: raise ε_correct linearly from {LevelSetRobustSettings.RampStart} to --eps-train over this many epochs [default: MNIST 1 (no ramp), CIFAR-10 50]",
            HelpName = "EPOCHS",
        };
        var lambda = new Option<double?>("--lambda-correct") { Description = "ours: λ of correctly classified examples (MNIST 1, CIFAR-10 11); wrong ones have 1", HelpName = "L" };
        var distance = new Option<string?>("--distance") { Description = "ours: coordinate (the paper's ρ) or l2", HelpName = "D" };
        var wrongFallback = new Option<string?>("--wrong-without-boundary") { Description = "ours: what a wrong example whose ε_wrong search finds no boundary contributes: newton (a Newton projection onto its class boundary) or nothing (the reference code; training can stall, docs/robust.md) [default: newton]", HelpName = "nothing|newton" };
        var beta = new Option<double?>("--beta") { Description = "trades: β [default: 6]", HelpName = "B" };
        var batchSize = new Option<int?>("--batch-size") { Description = "Examples per step [default: 128]", HelpName = "N" };
        var learningRate = new Option<double?>("--learning-rate") { Description = "Adam's rate [default: the reference configs': MNIST ours/xent 1e-3, madry/trades 1e-4; CIFAR-10 3e-4]", HelpName = "R" };
        var weightDecay = new Option<double?>("--weight-decay") { Description = "Adam's weight decay [default: the reference configs': MNIST madry 1e-6, other MNIST methods 0; CIFAR-10 1e-6]", HelpName = "W" };
        var pgdSteps = new Option<int?>("--pgd-steps") { Description = "Training PGD steps: madry/trades attack, ours' boundary search (MNIST 40; CIFAR-10 10, ours 20)", HelpName = "K" };
        var pgdStepSize = new Option<double?>("--pgd-step-size") { Description = "Training PGD step α (MNIST 0.01, CIFAR-10 0.007)", HelpName = "A" };
        var validation = new Option<int?>("--validation") { Description = "Images of the test set (its first N) on which clean and PGD-10 robust accuracy are measured after each epoch, for monitoring only (0: none) [default: 500]", HelpName = "N" };
        var output = new Option<string?>("--output", "-o") { Description = "The checkpoint, rewritten after every epoch [default: robust-DATASET-METHOD.pt]", HelpName = "PATH" };
        var resume = new Option<bool>("--resume") { Description = "Continue the training saved in --output, with its settings" };
        var plots = new Option<string?>("--plots") { Description = "Write PNG plots of the accuracies and the loss over epochs into this folder", HelpName = "DIR" };
        var json = new Option<bool>("--json") { Description = "Print a JSON report (settings, per-epoch history, outputs) on stdout" };

        var command = new Command("train-robust", "Train a ten-class network for L∞ robustness with the level-set loss (Eq. 12) or a baseline, checkpointing every epoch.")
        {
            data.Dataset, method, arch, epochs, epsTrain, epsWrong, epsRamp, lambda, distance, wrongFallback, beta, batchSize, learningRate, weightDecay, pgdSteps, pgdStepSize,
            validation, torchOptions.Seed!, output, resume, plots, torchOptions.Device!, torchOptions.Threads!, json, data.DataDirectory, data.TestSplit, data.NoDownload,
        };
        command.SetAction(parse =>
        {
            var dataChoice = data.Read(parse);
            var datasetName = dataChoice.Dataset!.Value;
            var methodName = RobustMethodNames.Parse(parse.GetValue(method)!);
            var torchChoice = torchOptions.Read(parse);
            var request = new Request(
                dataChoice.Request(),
                methodName,
                parse.GetValue(arch) is { } a ? RobustArchitectures.Parse(a) : null,
                parse.GetValue(epochs), parse.GetValue(epsTrain), parse.GetValue(epsWrong), parse.GetValue(lambda),
                parse.GetValue(distance) is { } d ? RobustDistances.Parse(d) : null,
                parse.GetValue(wrongFallback) is { } w ? ParseFallback(w) : null,
                parse.GetValue(beta), parse.GetValue(batchSize), parse.GetValue(learningRate), parse.GetValue(pgdSteps), parse.GetValue(pgdStepSize),
                parse.GetValue(validation),
                Path.GetFullPath(parse.GetValue(output) ?? $"robust-{DatasetCatalog.KeyOf(datasetName)}-{methodName.Key()}.pt"),
                parse.GetValue(resume),
                parse.GetValue(plots) is { } p ? Path.GetFullPath(p) : null,
                torchChoice, parse.GetValue(json), parse.GetValue(epsRamp),
                parse.GetValue(weightDecay));
            return Run(ctx, request);
        });
        return command;
    }

    static WrongWithoutBoundary ParseFallback(string text) => text.Trim().ToLowerInvariant() switch
    {
        "nothing" or "none" => WrongWithoutBoundary.Nothing,
        "newton" => WrongWithoutBoundary.NewtonProjection,
        _ => throw new InvalidInputException($"--wrong-without-boundary '{text}': expected nothing or newton"),
    };

    /// <summary>The run's settings: the dataset's defaults overridden by the options given.</summary>
    public static RobustTrainingSettings SettingsOf(Request r)
    {
        var s = RobustTrainingSettings.ForDataset(r.Data.Dataset, r.Method);
        s = s with
        {
            Architecture = r.Architecture ?? s.Architecture,
            Epochs = r.Epochs ?? s.Epochs,
            BatchSize = r.BatchSize ?? s.BatchSize,
            LearningRate = r.LearningRate ?? s.LearningRate,
            WeightDecay = r.WeightDecay ?? s.WeightDecay,
            TradesBeta = r.Beta ?? s.TradesBeta,
            ValidationCount = r.Validation ?? s.ValidationCount,
            Seed = r.Torch.Seed,
        };
        var attack = s.TrainingAttack;
        var levelSet = s.LevelSet;
        return s with
        {
            TrainingAttack = attack with
            {
                Epsilon = r.Method != RobustMethod.Ours ? r.EpsTrain ?? attack.Epsilon : attack.Epsilon,
                Steps = r.PgdSteps ?? attack.Steps,
                StepSize = r.PgdStepSize ?? attack.StepSize,
            },
            LevelSet = levelSet with
            {
                EpsCorrect = r.Method == RobustMethod.Ours ? r.EpsTrain ?? levelSet.EpsCorrect : levelSet.EpsCorrect,
                // An explicit ε_correct without a ramp start means no ramp from the default start.
                EpsCorrectStart = r.EpsRamp is > 1 ? LevelSetRobustSettings.RampStart
                    : r.Method == RobustMethod.Ours && r.EpsTrain is { } e ? Math.Min(levelSet.EpsCorrectStart, e) : levelSet.EpsCorrectStart,
                EpsWrong = r.EpsWrong ?? levelSet.EpsWrong,
                RampEpochs = r.EpsRamp ?? levelSet.RampEpochs,
                LambdaCorrect = r.LambdaCorrect ?? levelSet.LambdaCorrect,
                Distance = r.Distance ?? levelSet.Distance,
                WrongWithoutBoundary = r.WrongFallback ?? levelSet.WrongWithoutBoundary,
                SearchSteps = r.PgdSteps ?? levelSet.SearchSteps,
                StepSize = r.PgdStepSize ?? levelSet.StepSize,
            },
        };
    }

    public static int Run(CliContext ctx, Request request)
    {
        request.Torch.ApplyThreads();
        var deviceChoice = request.Torch.ResolveDevice();
        // Before the first epoch: the folder must exist and take files (read-only mounts and /proc too).
        OutputPath.Check(request.Output, "--output");
        if (request.PlotDirectory is { } plotDir)
        {
            if (!Directory.Exists(plotDir)) throw new InvalidInputException($"--plots {plotDir} does not exist");
            OutputPath.CheckFolderToCreate(plotDir, "--plots");
        }

        RobustTrainingSettings settings;
        RobustCheckpoint.Info? resumed = null;
        var datasetKey = DatasetCatalog.KeyOf(request.Data.Dataset);
        if (request.Resume)
        {
            if (!File.Exists(request.Output)) throw new InvalidInputException($"--resume: there is no checkpoint {request.Output} to continue (give it with -o)");
            resumed = RobustCheckpoint.ReadInfo(request.Output);
            if (resumed.Dataset != datasetKey)
                throw new InvalidInputException($"--resume: {request.Output} was trained on {resumed.Dataset}, not {datasetKey}");
            if (request.Architecture is { } wanted && wanted != resumed.Architecture)
                throw new InvalidInputException($"--resume: {request.Output} holds a {resumed.Architecture.Key()}, not a {wanted.Key()}");
            settings = resumed.Settings with { Epochs = request.Epochs ?? resumed.Settings.Epochs };
            ctx.Log.Information("Resuming {Path}: {Done} of {Epochs} epochs done, its settings are kept", request.Output, resumed.EpochsDone, settings.Epochs);
        }
        else settings = SettingsOf(request);
        settings = settings.Validated();

        DatasetSplit data;
        using (var bar = new ProgressReporter(ctx, "download"))
        {
            var downloads = new SynchronousProgress<DownloadProgress>(p => bar.Report(p.TotalBytes is > 0 ? (double)p.Bytes / p.TotalBytes.Value : 0,
                p.File, string.Create(CultureInfo.InvariantCulture, $"{p.Bytes / 1048576.0:F1} MB"), force: p.Bytes == p.TotalBytes));
            data = DatasetLoader.Load(request.Data, downloads);
        }
        settings.Architecture.CheckFits(data.Train);
        ctx.Log.Information("{Dataset}: {Train} training and {Test} test images from {Source}; {Arch}, method {Method}, {Epochs} epochs, batch {Batch}, Adam {Rate} (weight decay {Decay}), threads {Threads}",
            datasetKey, data.Train.Count, data.Test.Count, data.Train.Source, settings.Architecture.Key(), settings.Method.Key(), settings.Epochs,
            settings.BatchSize, settings.LearningRate, settings.WeightDecay, request.Torch.Threads);
        LogMethod(ctx, settings);

        var (images, labels) = data.Train.ToTensors(deviceChoice);
        (TorchSharp.torch.Tensor, TorchSharp.torch.Tensor)? validation = null;
        if (settings.ValidationCount > 0)
            validation = data.Test.Range(0, Math.Min(settings.ValidationCount, data.Test.Count)).ToTensors(deviceChoice);

        var extra = new JsonObject { ["dataDirectory"] = request.Data.DataDirectory, ["testSplit"] = request.Data.TestSplit };
        RobustTrainer? trainer = null;
        TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> model;
        if (resumed is not null)
        {
            (model, _) = RobustCheckpoint.LoadWith(request.Output, deviceChoice, m =>
            {
                trainer = new RobustTrainer(m, settings, images, labels, validation);
                return trainer.Optimizer;
            }, out _);
            trainer!.ResumeAfter(resumed.EpochsDone, resumed.History);
        }
        else
        {
            Seeding.Apply(settings.Seed);
            model = settings.Architecture.Create();
            if (deviceChoice.type != TorchSharp.DeviceType.CPU) model.to(deviceChoice);
            trainer = new RobustTrainer(model, settings, images, labels, validation);
        }

        using (model)
        using (trainer)
        {
            void Save(bool midEpoch) => RobustCheckpoint.Save(request.Output, model, trainer.Optimizer,
                new RobustCheckpoint.Info(settings.Architecture, datasetKey, settings, trainer.EpochsDone, midEpoch, trainer.History, extra));

            bool finished;
            using (var stop = new CtrlCStop(ctx))
            using (var bar = new ProgressReporter(ctx, "training"))
            {
                var progress = new SynchronousProgress<RobustProgress>(p =>
                {
                    var last = trainer.History.Count > 0 ? trainer.History[^1] : null;
                    var validationText = last is not null && double.IsFinite(last.ValidationRobust)
                        ? string.Create(CultureInfo.InvariantCulture, $"  val clean {100 * last.ValidationClean:F1} % robust {100 * last.ValidationRobust:F1} %")
                        : "";
                    bar.Report((p.Epoch + (double)p.Step / p.Steps) / p.Epochs,
                        $"epoch {p.Epoch + 1}/{p.Epochs} step {p.Step}/{p.Steps}{(p.Phase == "train" ? "" : " " + p.Phase)}",
                        string.Create(CultureInfo.InvariantCulture, $"loss {p.Loss:F4} acc {100 * p.Accuracy:F1} %{Rarest(p.PredictedPerClass)}{validationText}"));
                });
                try
                {
                    finished = trainer.Train(progress, stop.Token, record =>
                    {
                        Save(midEpoch: false);
                        ctx.Log.Information("epoch {Epoch}/{Epochs}: loss {Loss}, train acc {Train} %, validation clean {Clean} % robust {Robust} % ({Seconds} s); predicted per class {Predicted}; saved {Path}",
                            record.Epoch, settings.Epochs, F(record.Loss, 4), F(100 * record.TrainAccuracy, 2), F(100 * record.ValidationClean, 2),
                            F(100 * record.ValidationRobust, 2), F(record.Seconds, 1), record.PredictedPerClassText, request.Output);
                    });
                }
                catch (Exception e) when (e is not InvalidInputException and not OperationCanceledException && trainer.EpochsDone > 0)
                {
                    // The checkpoint of the last finished epoch is whole (written beside and renamed): say so.
                    bar.Dispose();
                    ctx.Log.Debug(e, "the failed step");
                    throw new InvalidOperationException($"{NlsetApp.FirstLine(e.Message)} in epoch {trainer.EpochsDone + 1}; the {trainer.EpochsDone} finished epoch(s) are saved in {request.Output}: continue with --resume", e);
                }
            }
            if (!finished)
            {
                Save(midEpoch: true);
                ctx.Log.Warning("Stopped by Ctrl+C in epoch {Epoch}: saved the current weights to {Path}; --resume continues with that epoch", trainer.EpochsDone + 1, request.Output);
            }

            string? accuracyPlot = null, lossPlot = null;
            if (request.PlotDirectory is { } dir && trainer.History.Count > 0)
            {
                (accuracyPlot, lossPlot) = RobustTrainingPlot.Save(trainer.History, dir, Path.GetFileNameWithoutExtension(request.Output),
                    $"{datasetKey}, {settings.Architecture.Key()}, {settings.Method.Key()}");
                ctx.Log.Information("Wrote {Accuracy} and {Loss}", accuracyPlot, lossPlot);
            }

            if (request.Json) ctx.Out.WriteLine(JsonReport(datasetKey, settings, trainer, finished, request.Output, accuracyPlot, lossPlot).ToJsonString(CliJson.Options));
            else WriteTable(ctx.Out, trainer.History, finished, request.Output);
        }
        return (int)ExitCode.Success;
    }

    static void LogMethod(CliContext ctx, RobustTrainingSettings s)
    {
        switch (s.Method)
        {
            case RobustMethod.Ours:
                var l = s.LevelSet;
                ctx.Log.Information("Eq. 12: ε_correct {Start} → {End} over {Ramp} epoch(s), ε_wrong {Wrong}, λ_correct {Lambda}, distance {Distance}, boundary search {Steps} × {Step}, wrong examples without a boundary: {Fallback}",
                    l.EpsCorrectStart, l.EpsCorrect, l.RampEpochs, l.EpsWrong, l.LambdaCorrect, l.Distance.Key(), l.SearchSteps, l.StepSize,
                    l.WrongWithoutBoundary == WrongWithoutBoundary.NewtonProjection ? "newton" : "nothing");
                break;
            case RobustMethod.Madry:
            case RobustMethod.Trades:
                ctx.Log.Information("Training attack: PGD ε {Eps}, {Steps} × {Step}{Beta}", s.TrainingAttack.Epsilon, s.TrainingAttack.Steps, s.TrainingAttack.StepSize,
                    s.Method == RobustMethod.Trades ? $", β {s.TradesBeta.ToString(CultureInfo.InvariantCulture)}" : "");
                break;
        }
    }

    /// <summary>The class predicted least often so far in the epoch, e.g. "  rarest 3: 0" (the sign of a dying class).</summary>
    static string Rarest(long[]? counts)
    {
        if (counts is not { Length: > 0 }) return "";
        var rarest = Array.IndexOf(counts, counts.Min());
        return string.Create(CultureInfo.InvariantCulture, $"  rarest class {rarest}: {counts[rarest]}/{counts.Sum()}");
    }

    static string F(double value, int digits) => double.IsFinite(value) ? value.ToString("F" + digits, CultureInfo.InvariantCulture) : "-";

    public static void WriteTable(TextWriter output, IReadOnlyList<EpochRecord> history, bool finished, string path)
    {
        output.WriteLine($"{"epoch",5} {"loss",9} {"train acc",10} {"val clean",10} {"val robust",11} {"s",7}  predicted per class");
        foreach (var r in history)
            output.WriteLine($"{r.Epoch,5} {F(r.Loss, 4),9} {F(100 * r.TrainAccuracy, 2) + " %",10} {F(100 * r.ValidationClean, 2) + " %",10} {F(100 * r.ValidationRobust, 2) + " %",11} {F(r.Seconds, 1),7}  {r.PredictedPerClassText}");
        output.WriteLine(finished ? $"checkpoint: {path}" : $"stopped; checkpoint (resume with --resume): {path}");
    }

    static JsonObject JsonReport(string dataset, RobustTrainingSettings settings, RobustTrainer trainer, bool finished, string path,
        string? accuracyPlot, string? lossPlot) => new()
    {
        ["dataset"] = dataset,
        ["architecture"] = settings.Architecture.Key(),
        ["method"] = settings.Method.Key(),
        ["settings"] = JsonNode.Parse(settings.ToJson()),
        ["epochsDone"] = trainer.EpochsDone,
        ["finished"] = finished,
        ["checkpoint"] = path,
        ["history"] = new JsonArray(trainer.History.Select(r => (JsonNode)new JsonObject
        {
            ["epoch"] = r.Epoch,
            ["loss"] = r.Loss,
            ["trainAccuracy"] = r.TrainAccuracy,
            ["validationClean"] = double.IsFinite(r.ValidationClean) ? r.ValidationClean : null,
            ["validationRobust"] = double.IsFinite(r.ValidationRobust) ? r.ValidationRobust : null,
            ["boundarySampleShare"] = double.IsFinite(r.BoundarySampleShare) ? r.BoundarySampleShare : null,
            ["seconds"] = r.Seconds,
            ["predictedPerClass"] = r.PredictedPerClass is { } counts ? new JsonArray(counts.Select(c => (JsonNode)c).ToArray()) : null,
        }).ToArray()),
        ["accuracyPlot"] = accuracyPlot,
        ["lossPlot"] = lossPlot,
    };
}
