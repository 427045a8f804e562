using System.Diagnostics;
using System.Globalization;
using Nlset.Geometry;
using Nlset.Geometry.Metrics;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;

namespace Nlset.Benchmarks;

/// <summary>
/// The sampling floor of the Chamfer metrics: a mesh compared with itself at the paper's 30,000
/// samples per side, normalised to unit largest side, next to the Poisson estimate ½·√(area/N) per
/// direction (L2). Whatever a reconstruction scores, it cannot be told apart from the reference below this.
/// </summary>
public sealed class ChamferFloorBenchmark : IBenchmark
{
    public string Name => "chamfer-floor";
    public string Description => "Chamfer/F-score/exact error of a mesh against itself (icosphere, unit largest side): [--samples 30000] [--seeds 5] [--subdivisions 5]";

    public int Run(string[] args)
    {
        int samples = KdTreeBenchmark.IntOption(args, "--samples", ComparisonOptions.DefaultSamples);
        int seeds = KdTreeBenchmark.IntOption(args, "--seeds", 5);
        int subdivisions = KdTreeBenchmark.IntOption(args, "--subdivisions", 5);

        var sphere = Icosphere.Create(subdivisions);
        var mesh = Normalization.FitUnitBox(sphere.Vertices).Apply(sphere);
        double area = new SurfaceSampler(mesh).TotalMeasure;
        Console.WriteLine($"icosphere level {subdivisions} ({mesh.TriangleCount:N0} triangles), unit largest side, area {F(area)}; {samples:N0} samples per side; seeds 0..{seeds - 1}");
        // L1 has no such single estimate: its ball's cross-section depends on how the surface is turned
        // against the axes (√(π/2) ≈ 1.25 × L2 on an axis-aligned plane).
        Console.WriteLine($"Poisson estimate of the Chamfer L2 sum: 2 · ½·√(area/N) = {F(Math.Sqrt(area / samples))}");
        Console.WriteLine();
        Console.WriteLine($"{"seed",4} {"CD-L1 sum",11} {"CD-L2 sum",11} {"L1/L2",6} {"F@1%diag",9} {"Hausdorff",10} {"normal",8} {"exact sum",10} {"time (s)",9}");
        double sumL1 = 0, sumL2 = 0;
        for (int seed = 0; seed < seeds; seed++)
        {
            var watch = Stopwatch.StartNew();
            var r = SurfaceComparison.Compare(mesh, mesh, new ComparisonOptions { Samples = samples, Seed = seed });
            double seconds = watch.Elapsed.TotalSeconds;
            sumL1 += r.ChamferL1.Sum;
            sumL2 += r.ChamferL2.Sum;
            Console.WriteLine($"{seed,4} {F(r.ChamferL1.Sum),11} {F(r.ChamferL2.Sum),11} {(r.ChamferL1.Sum / r.ChamferL2.Sum).ToString("F3", CultureInfo.InvariantCulture),6} " +
                $"{r.FScore.F.ToString("F4", CultureInfo.InvariantCulture),9} {F(r.Hausdorff.Max),10} {r.NormalConsistency!.Mean.ToString("F5", CultureInfo.InvariantCulture),8} " +
                $"{r.ExactSurfaceError!.Sum.ToString("E1", CultureInfo.InvariantCulture),10} {seconds.ToString("F3", CultureInfo.InvariantCulture),9}");
        }
        Console.WriteLine($"mean CD-L1 {F(sumL1 / seeds)} ({F(sumL1 / seeds * 1e3)} ×10^-3), CD-L2 {F(sumL2 / seeds)} ({F(sumL2 / seeds * 1e3)} ×10^-3)");
        return 0;
    }

    static string F(double x) => x.ToString("G5", CultureInfo.InvariantCulture);
}
