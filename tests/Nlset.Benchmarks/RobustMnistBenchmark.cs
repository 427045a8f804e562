using System.Diagnostics;
using System.Globalization;
using Nlset.Classification.Attacks;
using Nlset.Classification.Data;
using Nlset.Classification.Models;
using Nlset.Classification.Robust;
using Nlset.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Benchmarks;

/// <summary>
/// The paper's MNIST robustness table (Table 1) at this machine's scale: ConvNet-4a trained on the 8,000 training images
/// of mnist-10k with xent, madry, trades and ours for the same epochs, each evaluated on the 2,000 test images with
/// PGD-40 (ε 0.3, α 0.01, random start) under the cross-entropy and the margin loss. Training PGD steps can differ per
/// method (--steps-madry, --steps-trades, --steps-ours) so that the wall times are comparable.
/// --wrong newton gives ours the Newton fallback for wrong examples without a boundary sample (WrongWithoutBoundary).
/// --measure-steps K only times K training steps of each method (seconds per epoch = time per step × steps per epoch).
/// </summary>
public sealed class RobustMnistBenchmark : IBenchmark
{
    public string Name => "robust-mnist";
    public string Description => "Table 1 on mnist-10k: ConvNet-4a, xent/madry/trades/ours, PGD-40 ε 0.3 xent+margin (--epochs 4 --threads 1 --measure-steps K)";

    public int Run(string[] args)
    {
        var o = Options.Parse(args);
        torch.set_num_threads(o.Int("threads", 1));
        var epochs = o.Int("epochs", 4);
        var batch = o.Int("batch", 128);
        var measure = o.Int("measure-steps", 0);
        var evalCount = o.Int("test", 2000);
        var methods = o.String("methods", "xent,madry,trades,ours").Split(',').Select(RobustMethodNames.Parse).ToArray();
        var data = DatasetLoader.Load(new DatasetRequest
        {
            DataDirectory = o.String("data", "/work/shared/data/mnist-10k"), TestSplit = 2000, Download = false,
        });
        var (trainX, trainY) = data.Train.ToTensors();
        var (testX, testY) = data.Test.Range(0, Math.Min(evalCount, data.Test.Count)).ToTensors();
        Console.WriteLine($"mnist-10k: {data.Train.Count} train / {testX.shape[0]} test, {o.String("arch", "convnet4a")}, batch {batch}, Adam per method (reference configs), {epochs} epochs, torch threads {torch.get_num_threads()} (shared 2-core machine)");

        var rows = new List<string>();
        foreach (var method in methods)
        {
            var settings = RobustTrainingSettings.ForDataset(DatasetName.Mnist, method) with
            {
                Epochs = epochs,
                BatchSize = batch,
                Seed = o.Int("seed", 0),
                ValidationCount = 0,
            };
            var steps = o.Int($"steps-{method.Key()}", method == RobustMethod.Ours ? settings.LevelSet.SearchSteps : settings.TrainingAttack.Steps);
            var step = o.Double($"step-size-{method.Key()}", 0.01 * 40 / Math.Max(1, steps));
            settings = settings with
            {
                TrainingAttack = settings.TrainingAttack with { Steps = steps, StepSize = step },
                LevelSet = settings.LevelSet with
                {
                    SearchSteps = steps, StepSize = step,
                    WrongWithoutBoundary = o.String("wrong", "newton") == "newton" ? WrongWithoutBoundary.NewtonProjection : WrongWithoutBoundary.Nothing,
                    RampEpochs = o.Int("ramp-epochs", settings.LevelSet.RampEpochs),
                    EpsCorrectStart = o.Double("eps-start", settings.LevelSet.EpsCorrectStart),
                },
            };
            var label = method == RobustMethod.Ours && settings.LevelSet.WrongWithoutBoundary == WrongWithoutBoundary.NewtonProjection ? "ours+newton" : method.Key();
            Seeding.Apply(settings.Seed);
            using var model = RobustArchitectures.Parse(o.String("arch", "convnet4a")).Create();
            if (measure > 0)
            {
                var loss = settings.CreateLoss();
                using var optimizer = torch.optim.Adam(model.parameters(), lr: settings.LearningRate, weight_decay: settings.WeightDecay);
                var times = new List<double>();
                for (var k = 0; k < measure; k++)
                {
                    using var scope = torch.NewDisposeScope();
                    var rowsK = torch.arange((long)k * batch, (long)(k + 1) * batch) % trainX.shape[0];
                    var clock = Stopwatch.StartNew();
                    optimizer.zero_grad();
                    using var s = loss.Compute(model, trainX.index_select(0, rowsK), trainY.index_select(0, rowsK), 0);
                    if (s.Loss.requires_grad) { s.Loss.backward(); optimizer.step(); }
                    times.Add(clock.Elapsed.TotalSeconds);
                }
                var perStep = times.Skip(1).DefaultIfEmpty(times[0]).Average();
                var stepsPerEpoch = (trainX.shape[0] + batch - 1) / batch;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{method.Key(),-7} PGD steps {steps,2}: {perStep:F3} s/step (mean of {Math.Max(1, measure - 1)}), ≈ {perStep * stepsPerEpoch:F0} s/epoch of {stepsPerEpoch} steps"));
                continue;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label}: Adam {settings.LearningRate}, weight decay {settings.WeightDecay}"));
            using var trainer = new RobustTrainer(model, settings, trainX, trainY);
            var total = Stopwatch.StartNew();
            trainer.Train(onEpoch: r => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {label} epoch {r.Epoch}: loss {r.Loss:F4}, train clean acc {100 * r.TrainAccuracy:F2} %, {r.Seconds:F0} s{(double.IsNaN(r.BoundarySampleShare) ? "" : $", boundary samples {100 * r.BoundarySampleShare:F0} %")}, predicted per class {r.PredictedPerClassText}")));
            var trainSeconds = total.Elapsed.TotalSeconds;
            var evaluation = RobustEvaluation.Evaluate(model, testX, testY,
                [new PgdSettings(0.3, 40, 0.01, AttackLoss.CrossEntropy), new PgdSettings(0.3, 40, 0.01, AttackLoss.Margin)], seed: 1);
            var row = string.Create(CultureInfo.InvariantCulture,
                $"| {label} | {(method == RobustMethod.Xent ? "—" : $"{steps} × {step:0.####}")} | {100 * evaluation.CleanAccuracy:F2} | {100 * evaluation.Robust[0].Accuracy:F2} | {100 * evaluation.Robust[1].Accuracy:F2} | {trainSeconds / epochs:F0} | {evaluation.Elapsed.TotalSeconds:F0} |");
            Console.WriteLine(row + (evaluation.TiedClean > 0 ? $" ({evaluation.TiedClean} test images with tied top logits)" : ""));
            rows.Add(row);
            if (o.Has("out")) model.save(Path.Combine(o.String("out", "."), $"robust-mnist-{method.Key()}.dat"));
        }
        if (rows.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("| method | training PGD (steps × α) | clean % | PGD-40 xent % | PGD-40 margin % | s/epoch | eval s |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
            foreach (var r in rows) Console.WriteLine(r);
        }
        return 0;
    }
}
