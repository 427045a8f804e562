using System.Globalization;
using Nlset.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Benchmarks;

/// <summary>
/// How close geometric initialisation comes to F(x) = ‖x‖ − r, for the constants of <c>ImplicitNetwork</c>
/// (output mean √π/√n, skip layer σ ÷ √2) and for the reference code's (output mean 2√π/√n, no skip compensation),
/// emulated on the same draws by scaling the output weights × 2 and the skip layer's weights × √2. Per network:
/// |∇F| and the relative error on points with ‖x‖ ∈ [0.5, 1.5], and the radius of the zero set along 1000 random rays
/// (found by regula falsi between 0 and 4r). Mean over --seeds networks each.
/// </summary>
public sealed class GeometricInitBenchmark : IBenchmark
{
    public string Name => "geometric-init";
    public string Description => "F ≈ ‖x‖ − r at initialisation: ours vs the reference constants (--networks 4x256,8x512 --seeds 8)";

    public int Run(string[] args)
    {
        var seeds = IntOption(args, "--seeds", 8);
        var networks = StringOption(args, "--networks", "4x256,8x512").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Console.WriteLine($"geometric initialisation, r = 1, mean (min–max) over {seeds} seeds");
        Console.WriteLine();
        Console.WriteLine("| network | constants | mean ‖∇F‖ | mean |F − (‖x‖ − r)| / r | zero-set radius / r | radius std over rays |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var text in networks)
        {
            var spec = NetworkSpec.Parse(text);
            foreach (var reference in new[] { false, true })
            {
                var rows = new List<double[]>();
                for (var seed = 1; seed <= seeds; seed++)
                {
                    using var scope = NewDisposeScope();
                    using var network = new ImplicitNetwork(spec, new Generator((ulong)seed, CPU));
                    if (reference) ToReferenceConstants(network);
                    rows.Add(Measure(network, (ulong)(1000 + seed)));
                }
                string Cell(int k) => string.Create(CultureInfo.InvariantCulture,
                    $"{rows.Average(r => r[k]):F3} ({rows.Min(r => r[k]):F3}–{rows.Max(r => r[k]):F3})");
                Console.WriteLine($"| {text} | {(reference ? "reference: 2√π, no skip ÷√2" : "ours: √π, skip ÷√2")} | {Cell(0)} | {Cell(1)} | {Cell(2)} | {Cell(3)} |");
            }
        }
        return 0;
    }

    static void ToReferenceConstants(ImplicitNetwork network)
    {
        using var noGrad = no_grad();
        var spec = network.Spec;
        network.Layer(spec.Depth).weight!.mul_(2.0);
        if (spec.SkipLayer >= 0) network.Layer(spec.SkipLayer).weight!.mul_(Math.Sqrt(2));
    }

    static double[] Measure(ImplicitNetwork network, ulong seed)
    {
        var generator = new Generator(seed, CPU);
        var directions = randn(1000, 3, generator: generator);
        directions /= directions.norm(dim: 1, keepdim: true);
        var x = (directions * (rand(1000, 1, generator: generator) + 0.5)).requires_grad_(true);
        var f = network.call(x)[.., 0];
        var gradient = autograd.grad(new[] { f.sum() }, new[] { x })[0];
        using var noGrad = no_grad();
        var slope = gradient.norm(dim: 1).mean().item<float>();
        var error = (f - (x.norm(dim: 1) - 1)).abs().mean().item<float>();
        var zeros = new RegulaFalsi(tolerance: 1e-6, maxIterations: 50).Solve(p => network.call(p)[.., 0], directions * 1e-3f, directions * 4f);
        var radii = zeros.Points.norm(dim: 1)[zeros.Converged];
        return new double[] { slope, error, radii.mean().item<float>(), radii.std().item<float>() };
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
