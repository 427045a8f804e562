using System.Globalization;
using Nlset.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Benchmarks;

/// <summary>
/// Is a seeded CPU training repeatable bit for bit, and across torch thread counts? Trains a geometrically
/// initialised network for --steps Adam steps on a reconstruction-like loss (Newton-projected zero-level samples
/// through the sample network, plus |F| on the cloud), twice per thread count, and compares the final weights.
/// </summary>
public sealed class DeterminismBenchmark : IBenchmark
{
    public string Name => "determinism";
    public string Description => "seeded training: bit-identical per thread count and across 1 vs 2 threads (--network 4x256 --points 2048 --steps 10)";

    public int Run(string[] args)
    {
        var text = StringOption(args, "--network", "4x256");
        var points = IntOption(args, "--points", 2048);
        var steps = IntOption(args, "--steps", 10);
        var original = torch.get_num_threads();
        var results = new Dictionary<int, Tensor[]>();
        Console.WriteLine($"{text}, {points} points, {steps} Adam steps, seed 3");
        Console.WriteLine();
        Console.WriteLine("| threads | repeat identical | max |Δw| vs 1 thread |");
        Console.WriteLine("|---:|---|---:|");
        foreach (var threads in new[] { 1, 2 })
        {
            torch.set_num_threads(threads);
            var first = Train(text, points, steps);
            var second = Train(text, points, steps);
            var identical = first.Zip(second).All(p => p.First.eq(p.Second).all().item<bool>());
            results[threads] = first;
            var difference = first.Zip(results[1]).Max(p => (p.First - p.Second).abs().max().item<float>());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {threads} | {(identical ? "yes" : "NO")} | {difference:G3} |"));
        }
        torch.set_num_threads(original);
        return 0;
    }

    static Tensor[] Train(string text, int points, int steps)
    {
        Seeding.Apply(3);
        using var network = new ImplicitNetwork(NetworkSpec.Parse(text));
        using var optimizer = optim.Adam(network.parameters(), 1e-4);
        var projector = new LevelSetProjector();
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            var cloud = randn(points, 3);
            cloud = cloud / cloud.norm(dim: 1, keepdim: true) * 0.8;
            var projection = projector.Project(network.call, cloud + randn_like(cloud) * 0.1);
            using var samples = SampleNetwork.Of(projection);
            var loss = (samples.Forward(network.call).norm(dim: 1) - 0.8).abs().mean() + 3 * network.call(cloud).abs().mean();
            using (NewDisposeScope()) optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
        return network.parameters().Select(p => p.detach().clone()).ToArray();
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
