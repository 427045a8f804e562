using System.Diagnostics;
using System.Globalization;
using Nlset.Classification.Data;
using Nlset.Classification.Losses;
using Nlset.Classification.Models;
using Nlset.Classification.Training;
using TorchSharp;

namespace Nlset.Benchmarks;

/// <summary>
/// The paper's Figure 2 on ../shared/data/mnist-10k: first 8,000 images train, last 2,000 test, labels 0–4 against
/// 5–9; for each fraction of the 8,000 and each run, the three losses on the same subset and initialisation. Prints
/// mean ± std of the test accuracy per loss and fraction, the mean training accuracy, and the wall time of the sweep.
/// Same code path as `nlset train-margin --compare --fractions ...`.
/// </summary>
public sealed class MarginSweepBenchmark : IBenchmark
{
    public string Name => "margin-sweep";
    public string Description => "Figure 2 on mnist-10k: 3 losses x fractions x runs (--runs 20 --fractions 0.1%,...,5% --losses --epochs --lambda --weight-decay --model --threads 1 --data)";

    public int Run(string[] args)
    {
        var o = Options.Parse(args);
        var dataDir = o.String("data", Path.Combine(FindShared(), "data", "mnist-10k"));
        var fractions = o.String("fractions", "0.1%,0.2%,0.3%,0.5%,1%,2%,5%").Split(',').Select(SubsetSelection.ParseFraction).ToArray();
        var losses = o.String("losses", "geometric-svm,cross-entropy,hinge").Split(',').Select(MarginLossNames.Parse).ToArray();
        var d = new MarginTrainingSettings();
        var settings = d with
        {
            Model = o.String("model", "mlp") == "cnn" ? ClassifierKind.Cnn : ClassifierKind.Mlp,
            Epochs = o.Int("epochs", d.Epochs),
            BatchSize = o.Int("batch-size", d.BatchSize),
            LearningRate = o.Double("learning-rate", d.LearningRate),
            WeightDecay = o.Double("weight-decay", d.WeightDecay),
            Lambda = o.Double("lambda", d.Lambda),
            NewtonIterations = o.Int("newton", d.NewtonIterations),
            Device = "cpu",
        };
        torch.set_num_threads(o.Int("threads", 1));      // as nlset train-margin: one thread is fastest for these small batches
        var plan = new MarginExperimentPlan
        {
            Losses = losses, Fractions = fractions, Runs = o.Int("runs", 20), FirstSeed = o.Int("seed", 0), Training = settings,
        };
        var data = DatasetLoader.Load(new DatasetRequest { DataDirectory = dataDir, TestSplit = o.Int("test-split", 2000), Download = false });
        Console.WriteLine($"mnist-10k: {data.Train.Count} train / {data.Test.Count} test, classes 0-4:5-9, {settings.Model} " +
            $"{ClassifierSpec.Default(settings.Model, 1, 28, 28)}, {settings.Epochs} epochs, batch {settings.BatchSize}, lr {settings.LearningRate}, weight decay {settings.WeightDecay}, " +
            $"lambda {settings.Lambda}, {plan.Runs} runs, torch threads {torch.get_num_threads()}");
        var clock = Stopwatch.StartNew();
        var result = MarginExperiment.Run(data, BinaryClasses.LowAgainstHigh, plan);
        var elapsed = clock.Elapsed;

        Console.WriteLine();
        Console.WriteLine("| fraction | examples | " + string.Join(" | ", losses.Select(l => l.PaperLabel() + " test % (mean ± std)")) + " | " +
            string.Join(" | ", losses.Select(l => l.PaperLabel() + " train %")) + " | " + string.Join(" | ", losses.Select(l => l.PaperLabel() + " s/run")) + " |");
        Console.WriteLine("|---:|---:|" + string.Concat(Enumerable.Repeat("---:|", 3 * losses.Length)));
        var summaries = result.Summaries();
        foreach (var fraction in fractions)
        {
            var cells = losses.Select(l => summaries.First(s => s.Loss == l && s.Fraction == fraction)).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {SubsetSelection.FormatPercent(fraction)} | {cells[0].TrainCount} | {string.Join(" | ", cells.Select(c => $"{100 * c.MeanAccuracy:F2} ± {100 * c.StdAccuracy:F2}"))} | " +
                $"{string.Join(" | ", cells.Select(c => $"{100 * c.MeanTrainAccuracy:F1}"))} | {string.Join(" | ", cells.Select(c => $"{c.MeanSeconds:F2}"))} |"));
        }
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sweep wall time: {elapsed.TotalSeconds:F0} s ({result.Runs.Count} trainings)"));
        return 0;
    }

    static string FindShared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "data"))) return candidate;
        }
        return "/work/shared";
    }
}
