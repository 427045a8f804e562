using System.Diagnostics;
using System.Globalization;
using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;
using Nlset.Reconstruction;
using Nlset.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Benchmarks;

/// <summary>
/// The long version of the GC-stress soak tests (issue 13): full-length surface or curve trainings with garbage
/// collections back to back on another thread, counted as failures per run. --probe shows the TorchSharp fault itself:
/// in-place updates with Scalars made on the fly (what TorchSharp's Adam step does) against held ones.
/// </summary>
public sealed class GcSoakBenchmark : IBenchmark
{
    public string Name => "gc-soak";
    public string Description => "trainings under GC stress: failures per run (--kind surface|curve --runs 3 --steps 6000 --network 4x256,fourier=6 --batch 512; --probe)";

    public int Run(string[] args)
    {
        var o = Options.Parse(args);
        torch.set_num_threads(o.Int("threads", 1));
        if (o.Has("probe")) return Probe(o.Int("steps", 300_000), o.Int("runs", 5));
        var kind = o.String("kind", "surface");
        var runs = o.Int("runs", 3);
        var settings = new ReconstructionSettings
        {
            Network = NetworkSpec.Parse(o.String("network", kind == "curve" ? "4x128,out=2" : "4x256,fourier=6")),
            Iterations = o.Int("steps", 6000),
            BatchSize = o.Int("batch", new ReconstructionSettings().BatchSize),
            Levels = kind == "curve" ? LevelSchedule.Parse("0") : LevelSchedule.Continuous,
            FreeSpaceWeight = kind == "curve" ? 0 : 1,
        };
        var mesh = Icosphere.Create(4, radius: 1);
        var cloud = SurfaceSampler.SamplePointCloud(mesh, 20_000, seed: 1).Vertices;
        var normalization = Normalization.FitUnitBox(cloud);
        cloud = [.. cloud.Select(normalization.Apply)];
        Console.WriteLine($"{kind}, {settings.Network}, {settings.Iterations} steps of {settings.BatchSize}, {runs} runs under GC stress");
        Console.WriteLine("| run | result | steps | collections | seconds |");
        Console.WriteLine("|---:|---|---:|---:|---:|");
        int failures = 0;
        for (int run = 0; run < runs; run++)
        {
            Seeding.Apply(run);
            using var network = new ImplicitNetwork(settings.Network);
            using var stress = new GcStress();
            var clock = Stopwatch.StartNew();
            int steps = 0;
            string outcome;
            try
            {
                var result = new LevelSetTrainer(settings with { Seed = run }).Train(cloud, network);
                steps = result.Iterations;
                outcome = "ok";
            }
            catch (Exception e)
            {
                failures++;
                outcome = "FAILED: " + e.Message.Split('\n')[0];
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {run} | {outcome} | {steps} | {stress.Collections} | {clock.Elapsed.TotalSeconds:F0} |"));
        }
        Console.WriteLine($"failures: {failures} of {runs}");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>a.mul_(0.5).add_(b, 0.5) in a loop, with Scalars made on the fly and then held, under GC stress.</summary>
    static int Probe(int steps, int runs)
    {
        Console.WriteLine($"| Scalars | run | result |");
        Console.WriteLine("|---|---:|---|");
        foreach (var held in new[] { false, true })
            for (int run = 0; run < runs; run++)
            {
                using var a = torch.ones(64, 64);
                using var b = torch.ones(64, 64);
                using var half = 0.5.ToScalar();
                using var stress = new GcStress();
                var clock = Stopwatch.StartNew();
                string outcome = $"ok, {steps} updates";
                try
                {
                    for (int i = 0; i < steps; i++)
                    {
                        using var scope = NewDisposeScope();
                        if (held) a.mul_(half).add_(b, half);
                        else a.mul_(0.5).add_(b, alpha: 0.5);
                    }
                }
                catch (Exception e)
                {
                    outcome = string.Create(CultureInfo.InvariantCulture, $"FAILED after {clock.Elapsed.TotalSeconds:F2} s: {e.Message.Split('\n')[0].Split('(')[0].Trim()}");
                }
                Console.WriteLine($"| {(held ? "held" : "made on the fly")} | {run} | {outcome} |");
            }
        return 0;
    }
}
