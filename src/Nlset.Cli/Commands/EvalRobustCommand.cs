using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Nlset.Classification.Attacks;
using Nlset.Classification.Data;
using Nlset.Classification.Models;
using Nlset.Classification.Robust;
using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Cli.Commands;

/// <summary>
/// `nlset eval-robust MODEL`: clean accuracy and L∞ robust accuracy of a network — white-box PGD, one row per attack
/// loss; or APGD-CE, APGD-T, Square, or AutoAttack's ensemble of them (<see cref="AttackEnsemble"/>), one row per attack
/// with the images it broke. MODEL is a train-robust checkpoint (.pt, its architecture and dataset inside) or a PyTorch
/// state dict (.pth, any of the usual checkpoint shapes; --arch says which network, by default the dataset's).
/// </summary>
public static class EvalRobustCommand
{
    /// <summary>What --attack runs.</summary>
    public enum AttackChoice { Pgd, ApgdCe, ApgdT, Square, AutoAttack }

    static AttackChoice ParseAttack(string text) => text.Trim().ToLowerInvariant() switch
    {
        "pgd" => AttackChoice.Pgd,
        "apgd-ce" => AttackChoice.ApgdCe,
        "apgd-t" => AttackChoice.ApgdT,
        "square" => AttackChoice.Square,
        "autoattack" => AttackChoice.AutoAttack,
        _ => throw new InvalidInputException($"--attack '{text}': expected pgd, apgd-ce, apgd-t, square or autoattack"),
    };

    public sealed record Request(
        string Model,
        DatasetChoice Data,
        RobustArchitecture? Architecture,
        IReadOnlyList<AttackLoss> Losses,
        double? Epsilon,
        int? Steps,
        double? StepSize,
        int? Count,
        int BatchSize,
        TorchChoice Torch,
        bool Json,
        AttackChoice Attack = AttackChoice.Pgd,
        int? Iterations = null,
        int? Targets = null,
        int? Queries = null);

    public static Command Create(CliContext ctx)
    {
        var model = new Argument<string>("MODEL") { Description = "A train-robust checkpoint (.pt) or a PyTorch state dict (.pth)" };
        var data = DatasetOptions.ForEvaluation();
        var arch = new Option<string?>("--arch") { Description = "For .pth: convnet4a, convnet4b, resnet18 or smallcnn [default: the dataset's network]", HelpName = "NAME" };
        var attack = new Option<string>("--attack")
        {
            Description = "pgd (L∞, random start, one row per --loss); apgd-ce, apgd-t, square; or autoattack (the three in sequence, each on the images still robust)",
            DefaultValueFactory = _ => "pgd",
        };
        var loss = new Option<string?>("--loss") { Description = "PGD's loss: xent, margin or both [default: both]", HelpName = "LOSS" };
        var iterations = new Option<int?>("--iterations") { Description = "APGD-CE / APGD-T iterations (per target class) [default: 100]", HelpName = "N" };
        var targets = new Option<int?>("--targets") { Description = "APGD-T target classes, the runner-ups by clean logit [default: 9]", HelpName = "N" };
        var queries = new Option<int?>("--queries") { Description = "Square Attack queries per image [default: 5000]", HelpName = "N" };
        var eps = new Option<double?>("--eps") { Description = "Attack radius [default: MNIST 0.3, CIFAR-10 0.031]", HelpName = "E" };
        var steps = new Option<int?>("--steps") { Description = "PGD steps [default: MNIST 40, CIFAR-10 20]", HelpName = "K" };
        var stepSize = new Option<double?>("--step-size") { Description = "PGD step [default: MNIST 0.01, CIFAR-10 0.007]", HelpName = "A" };
        var count = new Option<int?>("--count", "-n") { Description = "Evaluate the first N test images only [default: all]", HelpName = "N" };
        var batchSize = new Option<int>("--batch-size") { Description = "Images per attack batch", DefaultValueFactory = _ => AttackEnsemble.DefaultBatchSize };
        var torchOptions = new TorchOptions(threadsHelp: "Torch CPU threads", seedHelp: "Seed of the attacks' random starts");
        var json = new Option<bool>("--json") { Description = "Print a JSON report on stdout" };

        var command = new Command("eval-robust", "Clean and L∞ robust accuracy of a classifier (train-robust .pt or PyTorch .pth) under PGD, APGD-CE, APGD-T, Square or the AutoAttack ensemble.")
        {
            model, data.Dataset, arch, attack, loss, eps, steps, stepSize, iterations, targets, queries, count, batchSize, torchOptions.Seed!, torchOptions.Device!,
            torchOptions.Threads!, json, data.DataDirectory, data.TestSplit, data.NoDownload,
        };
        command.SetAction(parse =>
        {
            var attackChoice = ParseAttack(parse.GetValue(attack)!);
            if (attackChoice == AttackChoice.Pgd)
            {
                foreach (var (name, given) in new[] { ("--iterations", parse.GetValue(iterations) is not null), ("--targets", parse.GetValue(targets) is not null), ("--queries", parse.GetValue(queries) is not null) })
                    if (given) throw new InvalidInputException($"{name} applies to apgd-ce, apgd-t, square and autoattack, not to --attack pgd");
            }
            else
                foreach (var (name, given) in new[] { ("--loss", parse.GetValue(loss) is not null), ("--steps", parse.GetValue(steps) is not null), ("--step-size", parse.GetValue(stepSize) is not null) })
                    if (given) throw new InvalidInputException($"{name} applies to --attack pgd only");
            var lossText = (parse.GetValue(loss) ?? "both").Trim().ToLowerInvariant();
            IReadOnlyList<AttackLoss> losses = lossText == "both" ? [AttackLoss.CrossEntropy, AttackLoss.Margin] : [AttackLossNames.Parse(lossText)];
            var modelPath = Path.GetFullPath(parse.GetValue(model)!);
            var request = new Request(modelPath, data.Read(parse),
                parse.GetValue(arch) is { } a ? RobustArchitectures.Parse(a) : null, losses,
                parse.GetValue(eps), parse.GetValue(steps), parse.GetValue(stepSize), parse.GetValue(count), parse.GetValue(batchSize),
                torchOptions.Read(parse), parse.GetValue(json),
                attackChoice, parse.GetValue(iterations), parse.GetValue(targets), parse.GetValue(queries));
            return Run(ctx, request);
        });
        return command;
    }

    public static int Run(CliContext ctx, Request request)
    {
        request.Torch.ApplyThreads();
        if (request.BatchSize < 1) throw new InvalidInputException($"--batch-size must be at least 1, got {request.BatchSize}");
        if (request.Count is < 1) throw new InvalidInputException($"--count must be at least 1, got {request.Count}");
        var deviceChoice = request.Torch.ResolveDevice();
        if (!File.Exists(request.Model)) throw new GeometryFileException(request.Model, null, "file not found");

        // What the model file says, then the options.
        RobustCheckpoint.Info? info = RobustCheckpoint.IsCheckpoint(request.Model) ? RobustCheckpoint.ReadInfo(request.Model) : null;
        var dataset = request.Data.Dataset ?? (info is not null ? DatasetCatalog.Parse(info.Dataset) : DatasetName.Mnist);
        var sameData = info is not null && DatasetCatalog.Parse(info.Dataset) == dataset;
        var dataRequest = new DatasetRequest
        {
            Dataset = dataset,
            DataDirectory = request.Data.DataDirectory ?? (sameData ? info!.Extra?["dataDirectory"]?.GetValue<string>() : null) ?? DatasetRequest.DefaultDataDirectory(),
            TestSplit = request.Data.TestSplit ?? (sameData ? info!.Extra?["testSplit"]?.GetValue<int?>() : null),
            Download = request.Data.Download,
        };
        var architecture = info?.Architecture ?? request.Architecture ?? RobustArchitectures.DefaultFor(dataset);
        if (info is not null && request.Architecture is { } wanted && wanted != info.Architecture)
            throw new InvalidInputException($"{request.Model} holds a {info.Architecture.Key()}, not a {wanted.Key()} (drop --arch)");

        var defaults = dataset == DatasetName.Cifar10 ? PgdSettings.Cifar10() : new PgdSettings();
        var attacks = request.Losses.Select(l => new PgdSettings(request.Epsilon ?? defaults.Epsilon, request.Steps ?? defaults.Steps,
            request.StepSize ?? defaults.StepSize, l).Validated()).ToArray();
        var ensemble = request.Attack == AttackChoice.Pgd ? null : ChosenAttacks(request, request.Epsilon ?? defaults.Epsilon);

        // The model before the data: a broken model file is found at once, not after a dataset download.
        nn.Module<Tensor, Tensor> model;
        if (info is not null) (model, _) = RobustCheckpoint.Load(request.Model, deviceChoice);
        else
        {
            model = architecture.Create();
            try { CheckpointImport.Load(model, request.Model, architecture.Key()); }
            catch { model.Dispose(); throw; }
            if (deviceChoice.type != DeviceType.CPU) model.to(deviceChoice);
            model.eval();
        }
        DatasetSplit data;
        try
        {
            data = DatasetLoader.Load(dataRequest);
            architecture.CheckFits(data.Test);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        var test = request.Count is { } n ? data.Test.Range(0, Math.Min(n, data.Test.Count)) : data.Test;
        var (images, labels) = test.ToTensors(deviceChoice);
        ctx.Log.Information("{Model}: {Arch} on {Count} {Dataset} test images; {Attacks}", request.Model, architecture.Key(), test.Count,
            DatasetCatalog.KeyOf(dataset), ensemble is null ? string.Join(", ", attacks.Select(a => a.ToString())) : string.Join(", then ", ensemble.Select(a => a.Description)));
        if (ensemble is not null)
            return RunAttacks(ctx, request, model, images, labels, ensemble, architecture, dataset, info);

        RobustEvaluationResult result;
        using (model)
        using (var stop = new CtrlCStop(ctx))
        using (var bar = new ProgressReporter(ctx, "attacking"))
        {
            var progress = new SynchronousProgress<(int Done, int Total)>(p => bar.Report((double)p.Done / p.Total, $"{p.Done}/{p.Total}", "", force: p.Done == p.Total));
            result = RobustEvaluation.Evaluate(model, images, labels, attacks, request.BatchSize, request.Torch.Seed, progress, stop.Token);
        }
        images.Dispose();
        labels.Dispose();

        if (request.Json)
            ctx.Out.WriteLine(Report(request, architecture, dataset, info, result.Count, result.CleanAccuracy, result.TiedClean, new JsonObject
            {
                ["attacks"] = new JsonArray(result.Robust.Select(a => (JsonNode)new JsonObject
                {
                    ["attack"] = "pgd",
                    ["loss"] = a.Attack.Loss.Key(),
                    ["epsilon"] = a.Attack.Epsilon,
                    ["steps"] = a.Attack.Steps,
                    ["stepSize"] = a.Attack.StepSize,
                    ["robustAccuracy"] = a.Accuracy,
                }).ToArray()),
                ["seed"] = request.Torch.Seed,
                ["seconds"] = result.Elapsed.TotalSeconds,
            }).ToJsonString(CliJson.Options));
        else WriteTable(ctx.Out, result);
        return (int)ExitCode.Success;
    }

    /// <summary>The attacks --attack names, with their settings (defaults: AutoAttack's standard version).</summary>
    static IReadOnlyList<IAdversarialAttack> ChosenAttacks(Request request, double epsilon)
    {
        var apgd = new AutoPgdSettings(epsilon, request.Iterations ?? 100).Validated();
        var square = new SquareSettings(epsilon, request.Queries ?? 5000).Validated();
        var targets = request.Targets ?? 9;
        if (targets < 1) throw new InvalidInputException($"--targets must be at least 1, got {targets}");
        return request.Attack switch
        {
            AttackChoice.ApgdCe => [new AutoPgdCrossEntropy(apgd)],
            AttackChoice.ApgdT => [new AutoPgdTargeted(apgd, targets)],
            AttackChoice.Square => [new SquareAttack(square)],
            _ => [new AutoPgdCrossEntropy(apgd), new AutoPgdTargeted(apgd, targets), new SquareAttack(square)],
        };
    }

    static int RunAttacks(CliContext ctx, Request request, nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels,
        IReadOnlyList<IAdversarialAttack> attacks, RobustArchitecture architecture, DatasetName dataset, RobustCheckpoint.Info? info)
    {
        EnsembleResult result;
        using (model)
        using (images)
        using (labels)
        using (var stop = new CtrlCStop(ctx))
        using (var bar = new ProgressReporter(ctx, "attacking"))
        {
            var progress = new SynchronousProgress<EnsembleProgress>(p => bar.Report(p.Fraction,
                $"{p.Key} ({p.Attack}/{p.Attacks}) batch {p.Batch}/{p.Batches}", "", force: p.Fraction >= 1));
            result = AttackEnsemble.Evaluate(model, images, labels, attacks, request.BatchSize, request.Torch.Seed, progress, stop.Token);
        }
        var name = request.Attack == AttackChoice.AutoAttack ? "autoattack" : attacks[0].Key;
        if (request.Json)
            ctx.Out.WriteLine(Report(request, architecture, dataset, info, result.Count, result.CleanAccuracy, result.TiedClean, new JsonObject
            {
                ["attack"] = name,
                ["epsilon"] = attacks[0].Epsilon,
                ["attacks"] = new JsonArray(result.Attacks.Zip(attacks).Select(pair => (JsonNode)AttackJson(pair.First, pair.Second)).ToArray()),
                ["robustAccuracy"] = result.RobustAccuracy,
                ["notRun"] = request.Attack == AttackChoice.AutoAttack ? new JsonArray("fab-t") : new JsonArray(),
                ["seed"] = request.Torch.Seed,
                ["seconds"] = result.Elapsed.TotalSeconds,
            }).ToJsonString(CliJson.Options));
        else WriteTable(ctx.Out, result, request.Attack == AttackChoice.AutoAttack);
        return (int)ExitCode.Success;
    }

    static JsonObject AttackJson(AttackOutcome outcome, IAdversarialAttack attack)
    {
        var json = new JsonObject
        {
            ["attack"] = outcome.Key,
            ["description"] = outcome.Description,
            ["attacked"] = outcome.Attacked,
            ["broken"] = outcome.Broken,
            ["robustAccuracy"] = outcome.RobustAccuracy,
            ["seconds"] = outcome.Elapsed.TotalSeconds,
        };
        switch (attack)
        {
            case AutoPgdCrossEntropy ce: json["iterations"] = ce.Settings.Iterations; break;
            case AutoPgdTargeted t: json["iterations"] = t.Settings.Iterations; json["targets"] = t.Targets; break;
            case SquareAttack sq: json["queries"] = sq.Settings.Queries; json["initialFraction"] = sq.Settings.InitialFraction; break;
        }
        return json;
    }

    /// <summary>Clean accuracy, each attack's cumulative robust accuracy with the images it attacked and broke and its time, and the ensemble's accuracy.</summary>
    /// <summary>The --json report: what was evaluated and the clean figures, then the attack's own fields.</summary>
    static JsonObject Report(Request request, RobustArchitecture architecture, DatasetName dataset, RobustCheckpoint.Info? info,
        int images, double cleanAccuracy, int tiedLogits, JsonObject attackFields)
    {
        var report = new JsonObject
        {
            ["model"] = request.Model,
            ["architecture"] = architecture.Key(),
            ["dataset"] = DatasetCatalog.KeyOf(dataset),
            ["method"] = info?.Settings.Method.Key(),
            ["images"] = images,
            ["cleanAccuracy"] = cleanAccuracy,
            ["tiedLogits"] = tiedLogits,
        };
        foreach (var (key, value) in attackFields.ToList())
        {
            attackFields.Remove(key);
            report[key] = value;
        }
        return report;
    }

    public static void WriteTable(TextWriter output, EnsembleResult result, bool autoAttack)
    {
        output.WriteLine($"{result.Count} test images" + (result.TiedClean > 0 ? $" ({result.TiedClean} with their two largest logits equal: a flat network; ties count as wrong)" : ""));
        output.WriteLine($"{"attack",-30} {"attacked",8} {"broken",7} {"robust",9} {"seconds",8}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"none (clean)",-30} {"",8} {"",7} {100 * result.CleanAccuracy,7:F2} % {"",8}"));
        foreach (var a in result.Attacks)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{a.Description,-30} {a.Attacked,8} {a.Broken,7} {100 * a.RobustAccuracy,7:F2} % {a.Elapsed.TotalSeconds,8:F1}"));
        if (result.Attacks.Count > 1)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"ensemble (robust to all)",-30} {"",8} {result.Attacks.Sum(a => a.Broken),7} {100 * result.RobustAccuracy,7:F2} % {result.Elapsed.TotalSeconds,8:F1}"));
        if (autoAttack)
            output.WriteLine("(AutoAttack's standard ensemble without its FAB-T, which is not implemented here)");
    }

    public static void WriteTable(TextWriter output, RobustEvaluationResult result)
    {
        output.WriteLine($"{result.Count} test images" + (result.TiedClean > 0 ? $" ({result.TiedClean} with their two largest logits equal: a flat network; ties count as wrong)" : ""));
        output.WriteLine($"{"attack",-34} {"accuracy",9}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"none (clean)",-34} {100 * result.CleanAccuracy,7:F2} %"));
        foreach (var (attack, accuracy) in result.Robust)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{attack.ToString(),-34} {100 * accuracy,7:F2} %"));
    }
}
