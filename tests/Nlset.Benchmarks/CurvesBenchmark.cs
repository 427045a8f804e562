using System.Diagnostics;
using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.Curves;
using Nlset.Geometry.IO;
using Nlset.Geometry.Metrics;
using Nlset.Geometry.Randomness;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Spatial;
using Nlset.Reconstruction;
using TorchSharp;

namespace Nlset.Benchmarks;

/// <summary>
/// Curve reconstruction (paper §3.3) on a known curve: sample it with noise, reconstruct, resample the extracted
/// polylines densely and compare with the true curve by Chamfer (Euclidean, both directions), relative to the true
/// curve's bounding-box diagonal; for the partial trefoil also the share of the missing stretch recovered within 1 %
/// of the diagonal.
/// <code>curves [--shape trefoil|helix|circle|trefoil-gap|circle-gap] [--points N] [--noise 0.01] [--seed S] [--iterations N]
///   [--network 4x256] [--batch-size B] [--learning-rate LR] [--lambda L] [--resolution R] [--train-seed S] [--threads T]
///   [--keep-all] [--no-snap] [--diagnose] [--save out.obj] [--save-model m.nlnet] [--model m.nlnet]</code>
/// --model skips training and scores the extraction of a saved network (to compare extraction rules on one network).
/// Points and seed default to those of the shape's data-samples file (CurveSampleSets.Defaults).
/// </summary>
public sealed class CurvesBenchmark : IBenchmark
{
    public string Name => "curves";
    public string Description => "reconstruct a sampled trefoil/helix/partial trefoil and score the polyline against the true curve";

    /// <summary>Dense resampling of both curves for Chamfer: spacing ≈ L/20000, far below the 1 % tolerance.</summary>
    const int DenseSamples = 20_000;
    const double Tolerance = 0.01;

    public int Run(string[] args)
    {
        var o = Options.Parse(args);
        int threads = o.Int("threads", 2);
        torch.set_num_threads(threads);
        var shape = o.String("shape", "trefoil");
        var (points, seed) = CurveSampleSets.DefaultsOf(shape);
        var sample = CurveSampleSets.Make(shape, o.Int("points", points), o.Double("noise", 0.01), o.Int("seed", seed));

        var d = CurveReconstruction.DefaultSettings;
        var spec = o.Has("network") ? NetworkSpec.Parse(o.String("network", ""), d.Network.Radius) with { Outputs = 2 } : d.Network;
        var settings = d with
        {
            Network = spec,
            Iterations = o.Int("iterations", d.Iterations),
            BatchSize = o.Int("batch-size", d.BatchSize),
            LearningRate = o.Double("learning-rate", d.LearningRate),
            Lambda = o.Double("lambda", d.Lambda),
            NewtonIterations = o.Int("newton", d.NewtonIterations),
            ZeroLevelSigma = o.Double("zero-sigma", d.ZeroLevelSigma),
            UniformFraction = o.Double("uniform", d.UniformFraction),
            Seed = o.Int("train-seed", d.Seed),
            AverageFrom = o.Double("average-from", d.AverageFrom),
        };
        var extraction = new CurveExtractionSettings
        {
            Resolution = o.Int("resolution", new CurveExtractionSettings().Resolution),
            KeepAll = o.Has("keep-all"),
            Snap = !o.Has("no-snap"),
        };

        Seeding.Apply(settings.Seed);
        var normalization = Normalization.FitUnitBox(sample.Cloud);
        using var network = o.Has("model") ? ReconstructionModel.Load(o.String("model", "")).Network : new ImplicitNetwork(settings.Network);
        var clock = Stopwatch.StartNew();
        int last = 0;
        var progress = new Progress(p =>
        {
            if (p.Iteration - last >= 250) { last = p.Iteration; Console.Error.WriteLine($"  step {p.Iteration} loss {p.Loss:F5} dist {p.DistanceTerm:F5} |F| {p.DataTerm:F5} conv {p.Converged:P0} {p.Elapsed.TotalSeconds:F0}s"); }
        });
        var outcome = o.Has("model") ? ExtractOnly(network, sample.Cloud, extraction, normalization)
            : CurveReconstruction.Run(sample.Cloud, settings, extraction, network, normalization, progress);
        var total = clock.Elapsed;
        if (o.Has("save")) GeometryFiles.Write(o.String("save", ""), outcome.Curve);
        if (o.Has("save-model")) ReconstructionModel.Save(o.String("save-model", ""), network, normalization, shape, settings.ToJson());

        var t = outcome.Training;
        var x = outcome.Extraction;
        double diagonal = sample.TrueCurve.Bounds.Diagonal;
        Console.WriteLine($"curve {shape} points {sample.Cloud.Length} noise σ {sample.NoiseSigma:G3} ({o.Double("noise", 0.01):P1} of the largest side) network {settings.Network} batch {settings.BatchSize} lr {settings.LearningRate} resolution {extraction.Resolution} threads {threads}");
        Console.WriteLine($"  steps {t.Iterations}  train {t.Elapsed.TotalSeconds:F1} s ({1000 * t.Elapsed.TotalSeconds / Math.Max(1, t.Iterations):F1} ms/step)  extract {x.Elapsed.TotalSeconds:F1} s  total {total.TotalSeconds:F1} s");
        Console.WriteLine("  stages: " + string.Join(", ", t.SecondsByStage.Select(kv => $"{kv.Key} {kv.Value:F1} s")));
        Console.WriteLine($"  final loss {t.Loss:F5} dist {t.DistanceTerm:F5} |F| {t.DataTerm:F5} converged {t.Converged:P1}");
        var lines = outcome.Curve.Polylines;
        Console.WriteLine($"  polylines {lines.Count} ({lines.Count(PolylineChains.IsClosed)} closed), found {x.Found}, dropped {x.Dropped} (length {x.DroppedLength:G3}); surface triangles {x.SurfaceTriangles}; " +
            (x.Snap is { } s ? $"snapped {s.Snapped}, kept {s.Kept}, mean ‖F‖ {s.MeanResidualBefore:G3} → {s.MeanResidualAfter:G3}" : "not snapped"));
        if (x.Assembly is { } a)
            Console.WriteLine($"  judged by the data: support distance {a.SupportDistance / normalization.Scale:G3}, fit radius {a.Radius / normalization.Scale:G3} (spacing {a.Scale.Spacing / normalization.Scale:G3}, noise {a.Scale.Noise / normalization.Scale:G3}); " +
                $"dropped {a.DroppedRuns} unsupported run(s) ({a.DroppedLength / normalization.Scale:G3} long), kept {a.Completions} completion(s) ({a.CompletionLength / normalization.Scale:G3}), " +
                $"cut {a.OverlapLength / normalization.Scale:G3} of overlap, traced {a.Traces} end(s) for {a.TracedLength / normalization.Scale:G3}, joins {a.TracedJoins} traced + {a.SegmentJoins} straight, {a.Duplicates} duplicate(s) dropped");
        if (outcome.Curve.Polylines.Count == 0)
        {
            Console.WriteLine("  no curve extracted");
            return 1;
        }
        double length = lines.Sum(l => PolylineChains.Length(outcome.Curve.Vertices, l));
        double trueLength = sample.TrueCurve.Polylines.Sum(l => PolylineChains.Length(sample.TrueCurve.Vertices, l));
        var extracted = new SurfaceSampler(outcome.Curve).Sample(DenseSamples, new SeededRandom(7)).Points;
        var truth = new SurfaceSampler(sample.TrueCurve).Sample(DenseSamples, new SeededRandom(8)).Points;
        var chamfer = ChamferDistance.Compute(extracted, truth, DistanceNorm.Euclidean);
        Console.WriteLine($"  length {length:G4} (true {trueLength:G4}); bbox diagonal {diagonal:G4}");
        var noisy = ChamferDistance.Compute(sample.Cloud, truth, DistanceNorm.Euclidean);
        Console.WriteLine($"  the noisy cloud itself vs the true curve: cloud→true {noisy.AToB / diagonal:P3}  true→cloud {noisy.BToA / diagonal:P3}  sum {noisy.Sum / diagonal:P3}");
        Console.WriteLine($"  chamfer L2 / diagonal: extracted→true {chamfer.AToB / diagonal:P3}  true→extracted {chamfer.BToA / diagonal:P3}  sum {chamfer.Sum / diagonal:P3}  (target < {Tolerance:P0}: {(chamfer.Sum / diagonal < Tolerance ? "met" : "NOT met")})");
        if (o.Has("diagnose")) Diagnose(network, normalization, sample.TrueCurve);
        if (sample.Gap is { } gap)
        {
            var gapPoints = new SurfaceSampler(gap).Sample(2000, new SeededRandom(9)).Points;
            var tree = new KdTree(extracted);
            var distances = tree.NearestDistances(gapPoints);
            double recovered = distances.Count(dd => dd < Tolerance * diagonal) / (double)distances.Length;
            Console.WriteLine($"  gap ({CurveSampleSets.GapFraction:P0} of the length): {recovered:P1} of it within {Tolerance:P0} of the diagonal of the extracted curve; mean distance {distances.Average() / diagonal:P3} of the diagonal");
        }
        return 0;
    }

    /// <summary>The outcome of a saved network without training (zero steps).</summary>
    static CurveReconstructionOutcome ExtractOnly(ImplicitNetwork network, Vector3d[] cloud, CurveExtractionSettings extraction, Normalization normalization)
    {
        network.eval();
        var normalised = cloud.Select(normalization.Apply).ToArray();
        var x = CurveExtractor.Extract(network, normalization, extraction, normalised);
        var none = new TrainingResult(0, TimeSpan.Zero, false, double.NaN, double.NaN, double.NaN, double.NaN, new Dictionary<string, double>(), 0, 0);
        return new CurveReconstructionOutcome(x.Curve, none, x, normalization);
    }

    /// <summary>
    /// Along the true curve (40 stations by arc length): ‖F‖ and the sine of the angle between ∇F₁ and ∇F₂ (the curve
    /// {F = 0} is well defined only where they are transversal, sine well above 0).
    /// </summary>
    static void Diagnose(ImplicitNetwork network, Normalization normalization, Mesh trueCurve)
    {
        var chain = trueCurve.Polylines[0];
        int stations = 40;
        var points = new float[stations * 3];
        for (int k = 0; k < stations; k++)
        {
            var p = normalization.Apply(trueCurve.Vertices[chain[k * (chain.Length - 1) / stations]]);
            points[3 * k] = (float)p.X; points[3 * k + 1] = (float)p.Y; points[3 * k + 2] = (float)p.Z;
        }
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(points, [stations, 3]).requires_grad_(true);
        var f = network.forward(x);
        var g1 = torch.autograd.grad([f[.., 0].sum()], [x], retain_graph: true)[0];
        var g2 = torch.autograd.grad([f[.., 1].sum()], [x])[0];
        var sine = torch.linalg.cross(g1, g2).norm(dim: 1) / (g1.norm(dim: 1) * g2.norm(dim: 1));
        var fn = f.detach().norm(dim: 1);
        var line = new System.Text.StringBuilder("  along the true curve (‖F‖, sin ∠(∇F₁, ∇F₂), |∇F₁|, |∇F₂|):");
        for (int k = 0; k < stations; k++)
            line.Append(System.FormattableString.Invariant($"{(k % 4 == 0 ? "\n   " : "")} {k}: {fn[k].item<float>():F4} {sine[k].item<float>():F2} {g1[k].norm().item<float>():F2} {g2[k].norm().item<float>():F2} |"));
        Console.WriteLine(line.ToString());
    }

    sealed class Progress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
