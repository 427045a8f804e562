using Nlset.Core;
using Nlset.Geometry;

namespace Nlset.Reconstruction;

/// <summary>What a reconstruction makes: a surface (one output, Eq. 13) or a curve (two outputs, paper §3.3).</summary>
public enum ReconstructionShape { Surface, Curve }

/// <summary>
/// One reconstruction as asked for: the input, where its results go, and the settings that were given. A setting
/// left null takes the default of the shape — <see cref="ReconstructionSettings"/> for a surface,
/// <see cref="CurveReconstruction.DefaultSettings"/> for a curve — so `nlset reconstruct`, `nlset batch`, the tests
/// and the benchmarks fill them in one way (<see cref="Settings"/>).
/// </summary>
public sealed record ReconstructionRequest
{
    public required string Input { get; init; }

    /// <summary>The mesh or curve to write.</summary>
    public required string Output { get; init; }

    public ReconstructionShape Shape { get; init; } = ReconstructionShape.Surface;

    /// <summary>
    /// The settings an unset field takes, in place of the shape's defaults: the knobs the command line does not offer
    /// (Newton steps, sampling sigmas, the weight average), for benchmarks and experiments.
    /// </summary>
    public ReconstructionSettings? Defaults { get; init; }

    /// <summary>Where the trained network goes (and the training's checkpoints); null: only a hidden checkpoint beside the output.</summary>
    public string? SaveModel { get; init; }

    /// <summary>A saved model to start from, or a checkpoint to continue.</summary>
    public string? Resume { get; init; }

    public NetworkSpec? Network { get; init; }
    public int? Iterations { get; init; }
    public TimeSpan? TimeBudget { get; init; }
    public int? BatchSize { get; init; }
    public double? Lambda { get; init; }
    public double? LearningRate { get; init; }
    public int? Resolution { get; init; }
    public int? Seed { get; init; }
    public string? Device { get; init; }
    public ProjectionPrecision? ProjectionPrecision { get; init; }

    // Surfaces only.
    public LevelSchedule? Levels { get; init; }

    /// <summary>Neighbours for denoising: null decides by the cloud's noise estimate, 0 is off.</summary>
    public int? DenoiseNeighbours { get; init; }

    /// <summary>Thin a larger cloud to about this many voxel centroids (0: keep every point; null: the default).</summary>
    public int? MaxPoints { get; init; }

    public double? FreeSpaceWeight { get; init; }
    public bool KeepSmallComponents { get; init; }
    public bool KeepUnsupportedComponents { get; init; }
    /// <summary>Null: <see cref="MeshRefinement.Auto"/>.</summary>
    public MeshRefinement? Refinement { get; init; }

    /// <summary>The training and extraction settings: the given ones over the shape's defaults, validated.</summary>
    public ReconstructionSettings Settings()
    {
        var d = Defaults ?? (Shape == ReconstructionShape.Curve ? CurveReconstruction.DefaultSettings : new ReconstructionSettings());
        var settings = d with
        {
            Network = Network ?? d.Network,
            Iterations = Iterations ?? d.Iterations,
            TimeBudget = TimeBudget,
            BatchSize = BatchSize ?? d.BatchSize,
            Lambda = Lambda ?? d.Lambda,
            LearningRate = LearningRate ?? d.LearningRate,
            Resolution = Resolution ?? (Shape == ReconstructionShape.Curve ? new CurveExtractionSettings().Resolution : d.Resolution),
            Seed = Seed ?? d.Seed,
            Device = Device ?? d.Device,
            ProjectionPrecision = ProjectionPrecision ?? d.ProjectionPrecision,
        };
        if (Shape == ReconstructionShape.Surface)
            settings = settings with
            {
                Levels = Levels ?? d.Levels,
                DenoiseNeighbours = DenoiseNeighbours,
                MaxPoints = MaxPoints ?? d.MaxPoints,
                FreeSpaceWeight = FreeSpaceWeight ?? d.FreeSpaceWeight,
                MinComponentArea = KeepSmallComponents ? 0 : SurfaceExtractor.DefaultMinComponentArea,
                MinSupportedShare = KeepUnsupportedComponents ? 0 : UnsupportedComponents.DefaultMinSupportedShare,
                Refinement = Refinement ?? d.Refinement,
                // With no step count given, a clean cloud (decided when the job opens) trains fewer steps.
                IterationsOnCleanData = Iterations is null && TimeBudget is null ? ReconstructionSettings.DefaultIterationsOnCleanData : null,
            };
        return settings.Validated();
    }

    /// <summary>Where the training keeps its state: the model file, else a hidden file beside the output that a finished run removes.</summary>
    public string CheckpointPath => SaveModel ?? HiddenCheckpointPath(Output);

    /// <summary>".scan.recon.ply.checkpoint.nlnet" beside "scan.recon.ply".</summary>
    public static string HiddenCheckpointPath(string output) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, "." + Path.GetFileName(output) + ".checkpoint" + ImplicitNetworkFile.Extension);

    /// <summary>The default output beside the input: INPUT.recon.ply for a surface, INPUT.recon.obj for a curve.</summary>
    public static string DefaultOutput(string input, ReconstructionShape shape) =>
        Path.Combine(Path.GetDirectoryName(input) ?? ".", Path.GetFileNameWithoutExtension(input) + (shape == ReconstructionShape.Curve ? ".recon.obj" : ".recon.ply"));
}
