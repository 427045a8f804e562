using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Nlset.Classification.Demo2d;
using Nlset.Geometry;
using Nlset.Rendering;
using Nlset.Rendering.Figures;

namespace Nlset.Cli.Commands;

/// <summary>
/// `nlset demo-2d`: the paper's Figure 1 — a small MLP trained on a 2-D toy set with cross-entropy, the robust margin
/// loss (Eq. 12, L∞ or L2) or the geometric SVM (Eq. 11), pictured with its decision boundary (and S_±1 for the SVM).
/// </summary>
public static class Demo2dCommand
{
    /// <summary>Everything the handler needs, parsed and checked.</summary>
    /// <param name="All">Train all four losses from the same network (panels (a)–(d)); <see cref="Demo2dSettings.Loss"/> is then unused.</param>
    public sealed record Request(Demo2dSettings Settings, bool All, string Output, bool Json);

    public static Command Create(CliContext ctx)
    {
        var d = new Demo2dSettings();
        var loss = new Option<string>("--loss") { Description = "xent, linf-margin, l2-margin or geometric-svm", DefaultValueFactory = _ => d.Loss.Key() };
        var all = new Option<bool>("--all") { Description = "Train all four losses from the same network and draw panels (a)–(d) side by side" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Picture to write [default: demo-2d-LOSS.png, or demo-2d.png with --all]", HelpName = "PNG" };
        var torchOptions = new TorchOptions(device: false, seedHelp: "Seed of the toy set and the network", defaultSeed: d.Seed);
        var points = new Option<int>("--points") { Description = "Training points (half per class)", DefaultValueFactory = _ => d.Points };
        var epochs = new Option<int>("--epochs") { Description = "Full-batch Adam steps", DefaultValueFactory = _ => d.Epochs };
        var learningRate = new Option<double>("--learning-rate") { Description = "Adam's learning rate", DefaultValueFactory = _ => d.LearningRate };
        var epsilon = new Option<double>("--epsilon") { Description = "ε of the margin losses (toy units; the classes are at least 0.2 apart)", DefaultValueFactory = _ => d.Epsilon };
        var lambda = new Option<double>("--lambda") { Description = "λ of the geometric SVM", DefaultValueFactory = _ => d.Lambda };
        var json = new Option<bool>("--json") { Description = "Print a JSON summary on stdout" };
        var command = new Command("demo-2d", "The paper's Figure 1: train a small network on 2-D toy points with one loss (or --all four) and draw the points, the decision boundary F = 0 and, for the geometric SVM, the ±1 level sets.")
        {
            loss, all, output, torchOptions.Seed!, points, epochs, learningRate, epsilon, lambda, json,
        };
        command.SetAction(parse =>
        {
            bool both = parse.GetValue(all);
            if (both && parse.Given(loss))
                throw new InvalidInputException("--all trains every loss: leave out --loss");
            var settings = new Demo2dSettings
            {
                Loss = ToyLosses.Parse(parse.GetValue(loss)!),
                Seed = torchOptions.Read(parse).Seed,
                Points = parse.GetValue(points),
                Epochs = parse.GetValue(epochs),
                LearningRate = parse.GetValue(learningRate),
                Epsilon = parse.GetValue(epsilon),
                Lambda = parse.GetValue(lambda),
            }.Validated();
            var outputPath = parse.GetValue(output)?.FullName ?? Path.GetFullPath(both ? "demo-2d.png" : $"demo-2d-{settings.Loss.Key()}.png");
            return Run(ctx, new Request(settings, both, outputPath, parse.GetValue(json)));
        });
        return command;
    }

    public static int Run(CliContext ctx, Request request)
    {
        var (settings, outputPath) = (request.Settings, request.Output);
        PngFile.CheckOutputPath(outputPath);
        TorchSharp.torch.set_num_threads(1);   // 40 points: one thread is fastest (as for train-margin)

        var losses = request.All ? ToyLosses.All : [settings.Loss];
        var results = new List<(Demo2dResult Result, double Margin)>();
        using (var stop = new CtrlCStop(ctx))
        using (var bar = new ProgressReporter(ctx, "training"))
            foreach (var kind in losses)
            {
                var k = results.Count;
                var progress = new SynchronousProgress<(int Step, int Steps, double Loss)>(p => bar.Report(
                    (k + (double)p.Step / p.Steps) / losses.Length, $"{kind.Key()} {p.Step}/{p.Steps}",
                    string.Create(CultureInfo.InvariantCulture, $"loss {p.Loss:F4}")));
                var result = Demo2dTrainer.Train(settings with { Loss = kind }, progress: progress, cancel: stop.Token);
                results.Add((result, SmallestMargin(result)));
                if (stop.Token.IsCancellationRequested) break;
            }

        var panels = results.Select(r => Panel(r.Result, r.Margin)).ToList();
        DecisionBoundaryFigure.Save(outputPath, panels);
        ctx.Log.Information("Wrote {Output}", outputPath);
        if (request.Json)
            ctx.Out.WriteLine(JsonSerializer.Serialize(new
            {
                output = outputPath,
                points = settings.Points,
                seed = settings.Seed,
                epochs = settings.Epochs,
                results = results.Select(r => new
                {
                    loss = r.Result.Settings.Loss.Key(),
                    trainAccuracy = r.Result.TrainAccuracy,
                    finalLoss = r.Result.FinalLoss,
                    steps = r.Result.Steps,
                    seconds = r.Result.Elapsed.TotalSeconds,
                    smallestDistanceToBoundary = double.IsFinite(r.Margin) ? r.Margin : (double?)null,
                }),
            }, CliJson.Options));
        else
        {
            ctx.Out.WriteLine($"{"loss",-14} {"train acc.",10} {"final loss",10} {"min dist. to F=0",17} {"s",6}");
            foreach (var (r, margin) in results)
                ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Settings.Loss.Key(),-14} {$"{100 * r.TrainAccuracy:F1} %",10} {r.FinalLoss,10:F4} {margin,17:F3} {r.Elapsed.TotalSeconds,6:F1}"));
            ctx.Out.WriteLine(outputPath);
        }
        return (int)ExitCode.Success;
    }

    static ScalarGrid Grid(Demo2dResult r) => new(r.XMin, r.XMax, r.YMin, r.YMax, r.Columns, r.Rows, r.Field);

    /// <summary>The smallest Euclidean distance from a training point to the traced boundary S_0: the margin the picture shows.</summary>
    public static double SmallestMargin(Demo2dResult r)
    {
        var boundary = MarchingSquares.Contour(Grid(r), 0);
        return Enumerable.Range(0, r.Data.Count).Min(i => ContourDistance.To(boundary, r.Data.X[i], r.Data.Y[i]));
    }

    static DecisionBoundaryPanel Panel(Demo2dResult r, double margin)
    {
        var s = r.Settings;
        string name = s.Loss switch
        {
            ToyLoss.CrossEntropy => "cross-entropy",
            ToyLoss.LInfinityMargin => string.Create(CultureInfo.InvariantCulture, $"Eq. 12, L∞, ε = {s.Epsilon:0.###}"),
            ToyLoss.L2Margin => string.Create(CultureInfo.InvariantCulture, $"Eq. 12, L2, ε = {s.Epsilon:0.###}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"geometric SVM (Eq. 11), λ = {s.Lambda:0.###}"),
        };
        var title = string.Create(CultureInfo.InvariantCulture, $"({s.Loss.Panel()}) {name}; min dist. {margin:0.000}");
        return new DecisionBoundaryPanel(title, r.Data.X, r.Data.Y, r.Data.Labels, Grid(r), s.Loss == ToyLoss.GeometricSvm);
    }
}
