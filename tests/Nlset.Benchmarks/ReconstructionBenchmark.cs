using System.Globalization;
using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Geometry.Metrics;
using Nlset.Geometry.Sampling;
using Nlset.Reconstruction;
using TorchSharp;

namespace Nlset.Benchmarks;

/// <summary>
/// Reconstruction quality and time on a shared mesh: normalise it (largest side 1), sample a cloud (optionally noisy),
/// reconstruct, and score the mesh against the normalised original with the exact surface error and Chamfer.
/// <code>reconstruction MESH [--points 100000] [--noise 0.0025] [--iterations N | --time-budget S] [--network 4x256]
///   [--batch-size B] [--learning-rate LR] [--newton K] [--resolution R] [--lambda L] [--seed S] [--threads T] [--save out.ply]
///   [--max-points N] [--projection-precision fp32|bf16]</code>
/// </summary>
public sealed class ReconstructionBenchmark : IBenchmark
{
    public string Name => "reconstruction";
    public string Description => "reconstruct a sampled mesh and score it (exact surface error, Chamfer, components, time)";

    public int Run(string[] args)
    {
        var options = Options.Parse(args);
        string meshPath = args.Length > 0 && !args[0].StartsWith("--") ? args[0] : "../shared/data/meshes/bunny-lowres.ply";
        int threads = options.Int("threads", 2);
        torch.set_num_threads(threads);
        var reference = GeometryFiles.Read(meshPath);
        reference = Normalization.FitUnitBox(reference.Vertices).Apply(reference);
        var cloud = SurfaceSampler.SamplePointCloud(reference, options.Int("points", 100_000), options.Int("cloud-seed", 0), options.Double("noise", 0)).Vertices;

        var d = new ReconstructionSettings();
        // The library's job, as `nlset reconstruct` runs it; the knobs the command line lacks come in through Defaults.
        var request = new ReconstructionRequest
        {
            Input = meshPath,
            // The job keeps a hidden checkpoint beside its output during long runs (and removes it when finished).
            Output = options.String("save", Path.Combine(Path.GetTempPath(), $"nlset-benchmark-{Environment.ProcessId}.recon.ply")),
            Network = options.Has("network") ? NetworkSpec.Parse(options.String("network", ""), d.Network.Radius) : d.Network,
            Iterations = options.Int("iterations", d.Iterations),
            TimeBudget = options.Has("time-budget") ? TimeSpan.FromSeconds(options.Double("time-budget", 0)) : null,
            BatchSize = options.Int("batch-size", d.BatchSize),
            LearningRate = options.Double("learning-rate", d.LearningRate),
            Resolution = options.Int("resolution", d.Resolution),
            Lambda = options.Double("lambda", d.Lambda),
            Seed = options.Int("seed", d.Seed),
            FreeSpaceWeight = options.Double("free-space", d.FreeSpaceWeight),
            DenoiseNeighbours = options.Has("denoise") ? options.Int("denoise", 0) : null,
            Levels = options.Has("levels") ? LevelSchedule.Parse(options.String("levels", "")) : null,
            Refinement = options.Has("refine") ? Enum.Parse<MeshRefinement>(options.String("refine", ""), ignoreCase: true) : null,
            MaxPoints = options.Has("max-points") ? options.Int("max-points", 0) : null,
            ProjectionPrecision = options.String("projection-precision", "fp32") == "bf16" ? ProjectionPrecision.BFloat16 : ProjectionPrecision.Float32,
            Defaults = d with
            {
                NewtonIterations = options.Int("newton", d.NewtonIterations),
                ZeroLevelSigma = options.Double("zero-sigma", d.ZeroLevelSigma),
                LevelSigmas = options.Has("level-sigmas") ? options.String("level-sigmas", "").Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray() : d.LevelSigmas,
                AverageFrom = options.Double("average-from", d.AverageFrom),
                AverageDecay = options.Double("average-decay", d.AverageDecay),
            },
        };
        using var job = ReconstructionJob.Open(request, Mesh.PointCloud(cloud));
        var settings = job.Settings;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int last = 0;
        var progress = new Progress(p =>
        {
            if (p.Iteration - last >= 250) { last = p.Iteration; Console.Error.WriteLine($"  step {p.Iteration} loss {p.Loss:F5} dist {p.DistanceTerm:F5} |F| {p.DataTerm:F5} conv {p.Converged:P0} lr {p.LearningRate:G3} {p.Elapsed.TotalSeconds:F0}s"); }
        });
        var outcome = job.RunSurface(progress);
        job.Finish();
        var total = clock.Elapsed;
        if (options.Has("save")) GeometryFiles.Write(options.String("save", ""), outcome.Mesh);
        var topology = MeshTopology.Of(outcome.Mesh);
        var score = SurfaceComparison.Compare(outcome.Mesh, reference, new ComparisonOptions());
        var t = outcome.Training;
        Console.WriteLine($"mesh {Path.GetFileName(meshPath)} points {cloud.Length} noise {options.Double("noise", 0)} network {settings.Network} batch {settings.BatchSize} lr {settings.LearningRate} newton {settings.NewtonIterations} threads {threads}");
        Console.WriteLine($"  steps {t.Iterations}  train {t.Elapsed.TotalSeconds:F1} s ({1000 * t.Elapsed.TotalSeconds / Math.Max(1, t.Iterations):F1} ms/step)  extract {outcome.ExtractionTime.TotalSeconds:F1} s  total {total.TotalSeconds:F1} s");
        Console.WriteLine("  stages: " + string.Join(", ", t.SecondsByStage.Select(kv => $"{kv.Key} {kv.Value:F1} s")));
        Console.WriteLine($"  final loss {t.Loss:F5} dist {t.DistanceTerm:F5} |F| {t.DataTerm:F5} converged {t.Converged:P1}  RSS@100 {t.ResidentBytesAt100 / 1048576.0:F0} MB end {t.ResidentBytesAtEnd / 1048576.0:F0} MB");
        var e = score.ExactSurfaceError!;
        Console.WriteLine($"  exact surface error x1000: accuracy {1000 * e.Accuracy.Mean:F3} (p90 {1000 * e.Accuracy.P90:F3}, p99 {1000 * e.Accuracy.P99:F3})  completeness {1000 * e.Completeness.Mean:F3} (p90 {1000 * e.Completeness.P90:F3}, p99 {1000 * e.Completeness.P99:F3})  sum {1000 * e.Sum:F3}");
        Console.WriteLine($"  chamfer x1000: L1 {1000 * score.ChamferL1.Sum:F3}  L2 {1000 * score.ChamferL2.Sum:F3}  components {topology.Components} watertight {topology.IsWatertight} triangles {outcome.Mesh.TriangleCount}");
        return 0;
    }

    sealed class Progress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
