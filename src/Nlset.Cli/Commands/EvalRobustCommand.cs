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
/// `nlset eval-robust MODEL`: clean accuracy and white-box L∞ PGD robust accuracy of a network, one row per attack loss.
/// MODEL is a train-robust checkpoint (.pt, its architecture and dataset inside) or a PyTorch state dict (.pth, any of
/// the usual checkpoint shapes; --arch says which network, by default the dataset's).
/// </summary>
public static class EvalRobustCommand
{
    public sealed record Request(
        string Model,
        DatasetName? Dataset,
        string? DataDirectory,
        int? TestSplit,
        bool NoDownload,
        RobustArchitecture? Architecture,
        IReadOnlyList<AttackLoss> Losses,
        double? Epsilon,
        int? Steps,
        double? StepSize,
        int? Count,
        int BatchSize,
        int Seed,
        string Device,
        int Threads,
        bool Json);

    public static Command Create(CliContext ctx)
    {
        var model = new Argument<string>("MODEL") { Description = "A train-robust checkpoint (.pt) or a PyTorch state dict (.pth)" };
        var dataset = new Option<string?>("--dataset") { Description = "mnist, fashion-mnist or cifar10 [default: the checkpoint's; mnist for .pth]", HelpName = "NAME" };
        var arch = new Option<string?>("--arch") { Description = "For .pth: convnet4a, convnet4b, resnet18 or smallcnn [default: the dataset's network]", HelpName = "NAME" };
        var attack = new Option<string>("--attack") { Description = "The attack: pgd (L∞, random start)", DefaultValueFactory = _ => "pgd" };
        var loss = new Option<string>("--loss") { Description = "PGD's loss: xent, margin or both", DefaultValueFactory = _ => "both" };
        var eps = new Option<double?>("--eps") { Description = "Attack radius [default: MNIST 0.3, CIFAR-10 0.031]", HelpName = "E" };
        var steps = new Option<int?>("--steps") { Description = "PGD steps [default: MNIST 40, CIFAR-10 20]", HelpName = "K" };
        var stepSize = new Option<double?>("--step-size") { Description = "PGD step [default: MNIST 0.01, CIFAR-10 0.007]", HelpName = "A" };
        var count = new Option<int?>("--count", "-n") { Description = "Evaluate the first N test images only [default: all]", HelpName = "N" };
        var batchSize = new Option<int>("--batch-size") { Description = "Images per attack batch", DefaultValueFactory = _ => 500 };
        var seed = new Option<int>("--seed") { Description = "Seed of the attacks' random starts", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "auto, cpu or cuda", DefaultValueFactory = _ => "auto" };
        var threads = new Option<int>("--threads") { Description = "Torch CPU threads", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print a JSON report on stdout" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder with the dataset's files [default: the checkpoint's, else the cache folder]", HelpName = "DIR" };
        var testSplit = new Option<int?>("--test-split") { Description = "Use the last N training images as the test set [default: the checkpoint's]", HelpName = "N" };
        var noDownload = new Option<bool>("--no-download") { Description = "Never download; fail if files are missing" };

        var command = new Command("eval-robust", "Clean and PGD robust accuracy of a classifier (train-robust .pt or PyTorch .pth), one row per attack loss.")
        {
            model, dataset, arch, attack, loss, eps, steps, stepSize, count, batchSize, seed, device, threads, json, dataDir, testSplit, noDownload,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(attack)!.Trim().ToLowerInvariant() != "pgd")
                throw new InvalidInputException($"--attack '{parse.GetValue(attack)}': only pgd is available");
            var lossText = parse.GetValue(loss)!.Trim().ToLowerInvariant();
            IReadOnlyList<AttackLoss> losses = lossText == "both" ? [AttackLoss.CrossEntropy, AttackLoss.Margin] : [AttackLossNames.Parse(lossText)];
            var modelPath = Path.GetFullPath(parse.GetValue(model)!);
            var datasetText = parse.GetValue(dataset);
            var request = new Request(modelPath, datasetText is null ? null : DatasetCatalog.Parse(datasetText),
                parse.GetValue(dataDir) is { } dir ? Path.GetFullPath(dir) : null, parse.GetValue(testSplit), parse.GetValue(noDownload),
                parse.GetValue(arch) is { } a ? RobustArchitectures.Parse(a) : null, losses,
                parse.GetValue(eps), parse.GetValue(steps), parse.GetValue(stepSize), parse.GetValue(count), parse.GetValue(batchSize),
                parse.GetValue(seed), parse.GetValue(device)!, parse.GetValue(threads), parse.GetValue(json));
            return Run(ctx, request);
        });
        return command;
    }

    public static int Run(CliContext ctx, Request request)
    {
        if (request.Threads < 1) throw new InvalidInputException($"--threads must be at least 1, got {request.Threads}");
        if (request.BatchSize < 1) throw new InvalidInputException($"--batch-size must be at least 1, got {request.BatchSize}");
        if (request.Count is < 1) throw new InvalidInputException($"--count must be at least 1, got {request.Count}");
        var deviceChoice = DeviceSelection.Resolve(request.Device);
        torch.set_num_threads(request.Threads);
        if (!File.Exists(request.Model)) throw new GeometryFileException(request.Model, null, "file not found");

        // What the model file says, then the options.
        RobustCheckpoint.Info? info = RobustCheckpoint.IsCheckpoint(request.Model) ? RobustCheckpoint.ReadInfo(request.Model) : null;
        var dataset = request.Dataset ?? (info is not null ? DatasetCatalog.Parse(info.Dataset) : DatasetName.Mnist);
        var sameData = info is not null && DatasetCatalog.Parse(info.Dataset) == dataset;
        var dataRequest = new DatasetRequest
        {
            Dataset = dataset,
            DataDirectory = request.DataDirectory ?? (sameData ? info!.Extra?["dataDirectory"]?.GetValue<string>() : null) ?? DatasetRequest.DefaultDataDirectory(),
            TestSplit = request.TestSplit ?? (sameData ? info!.Extra?["testSplit"]?.GetValue<int?>() : null),
            Download = !request.NoDownload,
        };
        var architecture = info?.Architecture ?? request.Architecture ?? RobustArchitectures.DefaultFor(dataset);
        if (info is not null && request.Architecture is { } wanted && wanted != info.Architecture)
            throw new InvalidInputException($"{request.Model} holds a {info.Architecture.Key()}, not a {wanted.Key()} (drop --arch)");

        var defaults = dataset == DatasetName.Cifar10 ? PgdSettings.Cifar10() : new PgdSettings();
        var attacks = request.Losses.Select(l => new PgdSettings(request.Epsilon ?? defaults.Epsilon, request.Steps ?? defaults.Steps,
            request.StepSize ?? defaults.StepSize, l).Validated()).ToArray();

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
            DatasetCatalog.KeyOf(dataset), string.Join(", ", attacks.Select(a => a.ToString())));

        RobustEvaluationResult result;
        using (model)
        using (var stop = new CtrlCStop(ctx))
        using (var bar = new ProgressReporter(ctx, "attacking"))
        {
            var progress = new SynchronousProgress<(int Done, int Total)>(p => bar.Report((double)p.Done / p.Total, $"{p.Done}/{p.Total}", "", force: p.Done == p.Total));
            result = RobustEvaluation.Evaluate(model, images, labels, attacks, request.BatchSize, request.Seed, progress, stop.Token);
        }
        images.Dispose();
        labels.Dispose();

        if (request.Json)
            ctx.Out.WriteLine(new JsonObject
            {
                ["model"] = request.Model,
                ["architecture"] = architecture.Key(),
                ["dataset"] = DatasetCatalog.KeyOf(dataset),
                ["method"] = info?.Settings.Method.Key(),
                ["images"] = result.Count,
                ["cleanAccuracy"] = result.CleanAccuracy,
                ["tiedLogits"] = result.TiedClean,
                ["attacks"] = new JsonArray(result.Robust.Select(a => (JsonNode)new JsonObject
                {
                    ["attack"] = "pgd",
                    ["loss"] = a.Attack.Loss.Key(),
                    ["epsilon"] = a.Attack.Epsilon,
                    ["steps"] = a.Attack.Steps,
                    ["stepSize"] = a.Attack.StepSize,
                    ["robustAccuracy"] = a.Accuracy,
                }).ToArray()),
                ["seed"] = request.Seed,
                ["seconds"] = result.Elapsed.TotalSeconds,
            }.ToJsonString(CliJson.Options));
        else WriteTable(ctx.Out, result);
        return (int)ExitCode.Success;
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
