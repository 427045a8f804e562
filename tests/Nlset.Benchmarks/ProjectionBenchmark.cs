using System.Diagnostics;
using System.Globalization;
using Nlset.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Benchmarks;

/// <summary>
/// Generalized Newton projection (Eq. 4) of N points onto F = 0, and one sample-network (Eq. 9) forward + backward on
/// the projected points, through geometrically initialised networks (F ≈ ‖x‖ − 1) and through the analytic field
/// ‖x‖² − 1 (quadratic Newton convergence, as an oracle of the step counts). Start points are drawn as the
/// reconstruction draws its zero-level samples: 80 % near the surface (here the unit sphere, with N(0, 0.1²) noise)
/// and 20 % uniform in the box [−1.5, 1.5]³. Times are the best of --repeats runs.
/// </summary>
public sealed class ProjectionBenchmark : IBenchmark
{
    public string Name => "projection";
    public string Description => "Newton projection + sample network on 8x512 / 4x256 (--points 10000 --networks 8x512,4x256 --repeats 3 --threads 0)";

    public int Run(string[] args)
    {
        var points = IntOption(args, "--points", 10_000);
        var repeats = IntOption(args, "--repeats", 3);
        var threads = IntOption(args, "--threads", 0);
        var networks = StringOption(args, "--networks", "8x512,4x256").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (threads > 0) torch.set_num_threads(threads);
        Console.WriteLine($"projection of {points} points, tolerance 1e-5, at most 10 steps; torch threads {torch.get_num_threads()}, best of {repeats}");
        Console.WriteLine();
        Console.WriteLine("| field | projection ms | µs per point evaluation | iterations (slowest point) | mean steps | converged | sample network fwd+bwd ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");

        Seeding.Apply(20191208);
        using var start = StartPoints(points);
        var projector = new LevelSetProjector();
        Report("‖x‖² − 1 (analytic)", projector, x => x.square().sum(1) - 1, start, repeats, withSampleNetwork: false);
        foreach (var text in networks)
        {
            Seeding.Apply(1);
            using var network = new ImplicitNetwork(NetworkSpec.Parse(text));
            Report($"{text} geometric init", projector, network.call, start, repeats, withSampleNetwork: true);
        }
        return 0;
    }

    static Tensor StartPoints(int n)
    {
        using var scope = NewDisposeScope();
        var near = (int)(0.8 * n);
        var directions = randn(near, 3);
        var surface = directions / directions.norm(dim: 1, keepdim: true);
        var noisy = surface + randn(near, 3) * 0.1;
        var uniform = (rand(n - near, 3) * 2 - 1) * 1.5;
        return cat(new[] { noisy, uniform }, 0).MoveToOuterDisposeScope();
    }

    static void Report(string label, LevelSetProjector projector, Func<Tensor, Tensor> field, Tensor start, int repeats, bool withSampleNetwork)
    {
        var best = double.MaxValue;
        var bestSample = double.MaxValue;
        int iterations = 0;
        double meanSteps = 0, converged = 0;
        for (var r = 0; r < repeats; r++)
        {
            using var scope = NewDisposeScope();
            var watch = Stopwatch.StartNew();
            var projection = projector.Project(field, start);
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
            iterations = projection.Iterations;
            meanSteps = projection.Steps.to_type(ScalarType.Float64).mean().item<double>();
            converged = (double)projection.ConvergedCount / projection.Count;
            if (!withSampleNetwork) continue;
            watch.Restart();
            var samples = SampleNetwork.Of(projection);
            var loss = samples.Forward(field).norm(dim: 1).mean();
            loss.backward();
            bestSample = Math.Min(bestSample, watch.Elapsed.TotalMilliseconds);
        }
        // A point is evaluated (F and DxF) once per step plus once where it stops; converged points are not re-evaluated.
        var perEvaluation = best * 1000 / (start.shape[0] * (meanSteps + 1));
        var sample = withSampleNetwork ? bestSample.ToString("F0", CultureInfo.InvariantCulture) : "—";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {best:F0} | {perEvaluation:F2} | {iterations} | {meanSteps:F2} | {converged:P1} | {sample} |"));
    }

    static int IntOption(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    static string StringOption(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
