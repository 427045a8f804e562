using System.Diagnostics;
using System.Globalization;
using Nlset.Classification.Data;
using Nlset.Classification.Losses;
using Nlset.Classification.Models;
using Nlset.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Benchmarks;

/// <summary>
/// Cost of one training step of each loss on mnist-10k images through the default MLP: wall time per step (best of
/// --repeats), and for the geometric SVM loss the Newton steps and convergence of its three projections. Steps run
/// from a network already trained for --warmup steps with that loss, where the level sets are no longer those of a
/// fresh network.
/// </summary>
public sealed class MarginStepBenchmark : IBenchmark
{
    public string Name => "margin-step";
    public string Description => "time per training step of each loss, Newton steps of the geometric SVM (--batch 40,400 --threads 1 --warmup 50)";

    public int Run(string[] args)
    {
        var o = Options.Parse(args);
        torch.set_num_threads(o.Int("threads", 1));
        var batches = o.String("batch", "40,400").Split(',').Select(int.Parse).ToArray();
        var repeats = o.Int("repeats", 20);
        var warmup = o.Int("warmup", 50);
        var data = DatasetLoader.Load(new DatasetRequest
        {
            DataDirectory = o.String("data", "/work/shared/data/mnist-10k"), TestSplit = 2000, Download = false,
        });
        var spec = ClassifierSpec.Default(o.String("model", "mlp") == "cnn" ? ClassifierKind.Cnn : ClassifierKind.Mlp, 1, 28, 28);
        Console.WriteLine($"{spec}, torch threads {torch.get_num_threads()}, best of {repeats} steps after {warmup} warm-up steps (shared machine)");
        Console.WriteLine();
        Console.WriteLine("| batch | loss | ms per step | Newton steps S0 (max / mean) | S±1 (max / mean) | converged |");
        Console.WriteLine("|---:|---|---:|---|---|---:|");
        foreach (var n in batches)
        {
            var subset = data.Train.Range(0, n);
            var (images, _) = subset.ToTensors();
            var signs = BinaryClasses.LowAgainstHigh.SignsOf(subset);
            foreach (var kind in new[] { MarginLossKind.GeometricSvm, MarginLossKind.CrossEntropy, MarginLossKind.Hinge })
            {
                Seeding.Apply(1);
                using var model = spec.Create();
                IMarginLoss loss = kind switch
                {
                    MarginLossKind.GeometricSvm => new GeometricSvmLoss(),
                    MarginLossKind.CrossEntropy => new BinaryCrossEntropyLoss(),
                    _ => new OutputHingeLoss(),
                };
                using var optimizer = torch.optim.Adam(model.parameters(), lr: 1e-3);
                var best = double.MaxValue;
                for (var step = 0; step < warmup + repeats; step++)
                {
                    using var scope = torch.NewDisposeScope();
                    var clock = Stopwatch.StartNew();
                    optimizer.zero_grad();
                    loss.Compute(model.call, images, signs).backward();
                    optimizer.step();
                    if (step >= warmup) best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
                }
                var newton = "—";
                var sides = "—";
                var converged = "—";
                if (kind == MarginLossKind.GeometricSvm)
                {
                    var projector = new LevelSetProjector();
                    using var scope = torch.NewDisposeScope();
                    using var p0 = projector.Project(model.call, images, 0.0);
                    var levels = torch.cat([torch.ones(n), torch.full(n, -1f)]);
                    using var p1 = projector.Project(model.call, torch.cat([p0.Points, p0.Points]), levels);
                    newton = Invariant($"{p0.Iterations} / {p0.Steps.to(ScalarType.Float32).mean().item<float>():F2}");
                    sides = Invariant($"{p1.Iterations} / {p1.Steps.to(ScalarType.Float32).mean().item<float>():F2}");
                    converged = Invariant($"{100.0 * (p0.ConvergedCount + p1.ConvergedCount) / (3 * n):F1} %");
                    if (o.Has("profile"))
                    {
                        double t0 = double.MaxValue, t1 = double.MaxValue, t2 = double.MaxValue, t3 = double.MaxValue;
                        for (var r = 0; r < 10; r++)
                        {
                            using var inner = torch.NewDisposeScope();
                            var c = Stopwatch.StartNew();
                            using var a = projector.Project(model.call, images, 0.0);
                            t0 = Math.Min(t0, c.Elapsed.TotalMilliseconds); c.Restart();
                            using var b = projector.Project(model.call, torch.cat([a.Points, a.Points]), levels);
                            t1 = Math.Min(t1, c.Elapsed.TotalMilliseconds); c.Restart();
                            using var sa = SampleNetwork.Of(a);
                            using var sb = SampleNetwork.Of(b);
                            var q = sa.Forward(model.call).sum() + sb.Forward(model.call).sum();
                            t2 = Math.Min(t2, c.Elapsed.TotalMilliseconds); c.Restart();
                            q.backward();
                            t3 = Math.Min(t3, c.Elapsed.TotalMilliseconds);
                        }
                        Console.WriteLine(Invariant($"profile: project S0 {t0:F1} ms, S±1 {t1:F1} ms, sample networks {t2:F1} ms, backward {t3:F1} ms"));
                    }
                }
                Console.WriteLine(Invariant($"| {n} | {kind.Key()} | {best:F1} | {newton} | {sides} | {converged} |"));
            }
        }
        return 0;
    }

    static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
