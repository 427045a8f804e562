using Nlset.Core;
using Nlset.Geometry;

namespace Nlset.Reconstruction;

/// <summary>
/// Everything a surface reconstruction run depends on (saved beside the model so a result can be reproduced).
/// Distances are in normalised units: the cloud is centred and its largest side scaled to 1.
/// The defaults were chosen by measurement on a 2-core CPU (docs/reconstruction.md); the paper's
/// reference settings are noted where they differ.
/// </summary>
public sealed record ReconstructionSettings
{
    /// <summary>
    /// Hidden layers × width, and Fourier features of the input (not in the paper). The paper's 8x512 is too slow for a
    /// CPU budget of minutes; six octaves of features let 4x256 follow fine detail: on the clean bunny the exact
    /// surface error fell from 1.03 to 0.67 ×10⁻³ at 4,000 steps (docs/reconstruction.md). The initial sphere (r = 0.9)
    /// encloses every normalised cloud (its points lie within √3/2 of the centre), so the shape is carved out of it,
    /// never grown out of it: from r = 0.4 the camel's legs had to grow, and the clean camel lost its body (exact
    /// surface error 110.9 ×10⁻³), while r = 0.8 and 1 gave 0.47 and 0.49.
    /// </summary>
    public NetworkSpec Network { get; init; } = DefaultNetwork;
    public static readonly NetworkSpec DefaultNetwork = NetworkSpec.Parse("4x256,r=0.9,fourier=6");
    /// <summary>Training steps; ignored when <see cref="TimeBudget"/> is set. Measured on the bunny: at equal wall time,
    /// more small steps beat fewer large ones; on noisy clouds (σ = 0.0025) 4,000 steps scored within 1 % of 6,000
    /// (bunny 1.091 against 1.083 ×10⁻³, knot 1.063 against 1.068), where the noise, not the steps, limits the detail,
    /// and keep the whole command under 3 minutes (docs/reconstruction.md).</summary>
    public int Iterations { get; init; } = DefaultIterations;
    public const int DefaultIterations = 4000;
    /// <summary>
    /// Training steps instead of <see cref="Iterations"/> when the cloud turns out clean and the mesh will be refined
    /// onto it (<see cref="SurfaceRefinement"/>); null: always <see cref="Iterations"/>. The request sets it when no step
    /// count is given (<see cref="DefaultIterationsOnCleanData"/>); <see cref="ForCloud"/> resolves it.
    /// </summary>
    public int? IterationsOnCleanData { get; init; }

    /// <summary>
    /// Refined onto the data, a network needs only to have found the shape to within a few point spacings: on the clean
    /// bunny 1,500 steps scored 0.130 ×10⁻³ (exact surface error) against 0.139 at 6,000; the clean knot still had a web
    /// between close strands at 1,500 (1.05) and none at 2,000 (0.139) (docs/reconstruction.md).
    /// </summary>
    public const int DefaultIterationsOnCleanData = 2000;

    /// <summary>The settings for a cloud with this denoising decision: <see cref="IterationsOnCleanData"/> applied (or dropped), so the result is final.</summary>
    public ReconstructionSettings ForCloud(DenoisingDecision denoising) =>
        IterationsOnCleanData is { } steps && TimeBudget is null && SurfaceRefinement.Applies(Refinement, denoising)
            ? this with { Iterations = steps, IterationsOnCleanData = null }
            : this with { IterationsOnCleanData = null };

    /// <summary>Train until this much wall time has passed instead of a fixed number of steps.</summary>
    public TimeSpan? TimeBudget { get; init; }
    /// <summary>Input points per step; as many zero-level and general-level samples are drawn around them.</summary>
    public int BatchSize { get; init; } = 512;
    /// <summary>λ of Eq. 13, the weight of mean |F(x_j)| over input points (method.md: 3).</summary>
    public double Lambda { get; init; } = 3;
    /// <summary>Adam's initial learning rate; decays by cosine to a tenth over the run (reference: 1e-4, constant, for 10^5 steps).</summary>
    public double LearningRate { get; init; } = 1e-3;
    public LevelSchedule Levels { get; init; } = LevelSchedule.Continuous;
    /// <summary>Newton steps per zero-level sample (reference: 10). Points that do not converge are used at their own level.</summary>
    public int NewtonIterations { get; init; } = 3;
    /// <summary>
    /// The number type of the Newton projection's products (not in the paper): bf16 for large networks, whose step is
    /// bound by them; the sample network and the loss stay in float32 (docs/reconstruction.md).
    /// </summary>
    public ProjectionPrecision ProjectionPrecision { get; init; } = ProjectionPrecision.Float32;
    /// <summary>Spread of the zero-level starting points around input points (reference: 0.1 m on 1.7 m bodies ≈ 0.06).</summary>
    public double ZeroLevelSigma { get; init; } = 0.06;
    /// <summary>Fraction of zero-level starting points drawn uniformly in the box instead (reference: 20%).</summary>
    public double UniformFraction { get; init; } = 0.2;
    /// <summary>Spreads of the general-level samples (reference: 0.01 and 0.2 m on 1.7 m bodies ≈ 0.006 and 0.12).</summary>
    public double[] LevelSigmas { get; init; } = [0.006, 0.12];
    /// <summary>
    /// From this fraction of the run on, an exponential moving average of the weights (decay
    /// <see cref="AverageDecay"/>) is kept and becomes the result; 1 or more turns it off. Not in the paper: measured
    /// on the clean bunny, exact surface error 1.203 → 1.031 at no cost (docs/reconstruction.md).
    /// </summary>
    public double AverageFrom { get; init; } = 0.5;
    public double AverageDecay { get; init; } = 0.995;
    /// <summary>
    /// Weight of the free-space term (not in the paper, <see cref="FreeSpacePrior"/>): mean max(0, −F) at box points the
    /// cloud shows to be outside; 0 turns it off. Surfaces only.
    /// </summary>
    public double FreeSpaceWeight { get; init; } = 1;
    /// <summary>
    /// Before training, move every input point onto the least-squares plane of this many nearest neighbours
    /// (<see cref="LocalPlaneProjection"/>); 0 trains on the points as given; null decides by the cloud's noise
    /// (<see cref="InputDenoising"/>).
    /// </summary>
    public int? DenoiseNeighbours { get; init; }
    /// <summary>
    /// A cloud of more points than this is thinned to about this many voxel centroids before anything else
    /// (<see cref="Nlset.Geometry.Sampling.VoxelGridFilter"/>; not in the paper); 0 keeps every point. Measured on the bunny
    /// (docs/reconstruction.md): the per-point constants of denoising and refinement (16 and 20 neighbours, 3 spacings) were
    /// set at 10⁵ points and still hold at 10⁶, but at 10⁷ their neighbourhoods shrink below the noise and the network's
    /// error (exact surface error 1.41 / 0.47 ×10⁻³ noisy / clean against 1.00 / 0.10 at 10⁶). Surfaces only.
    /// </summary>
    public int MaxPoints { get; init; } = DefaultMaxPoints;
    public const int DefaultMaxPoints = 1_000_000;
    /// <summary>Marching-cubes samples along the largest side of the extraction box.</summary>
    public int Resolution { get; init; } = 256;
    /// <summary>Mesh components with less than this share of the total area are dropped (0 keeps everything).</summary>
    public double MinComponentArea { get; init; } = SurfaceExtractor.DefaultMinComponentArea;
    /// <summary>Mesh components of which less than this share of the area lies near the data are dropped
    /// (<see cref="UnsupportedComponents"/>; 0 keeps them). Not in the paper.</summary>
    public double MinSupportedShare { get; init; } = UnsupportedComponents.DefaultMinSupportedShare;
    /// <summary>
    /// Move the extracted mesh onto the moving-least-squares surface of the cloud (<see cref="SurfaceRefinement"/>; not
    /// in the paper): by default only when the noise estimate says the cloud is clean. Surfaces only.
    /// </summary>
    public MeshRefinement Refinement { get; init; } = MeshRefinement.Auto;
    public int Seed { get; init; } = 0;
    public string Device { get; init; } = "auto";

    /// <summary>Half-size of the cube the training samples and the mesh live in (the shape spans [-0.5, 0.5] on its largest side).</summary>
    public const double BoxHalfSize = 0.6;

    /// <summary>The fewest points a cloud may be thinned to (a coarser grid would blur the detail the network is after).</summary>
    public const int MinimumMaxPoints = 10_000;

    public ReconstructionSettings Validated()
    {
        Network.Validated();
        if (Network.InputDim != 3) throw InvalidInputException.ForSetting(nameof(Network), name => $"{name}: a surface network takes 3 inputs, got in={Network.InputDim}");
        if (Network.Outputs == 2 && !Levels.IsZeroOnly)
            throw InvalidInputException.ForSetting(nameof(Levels), name => $"{name}: a curve network (out=2) controls only its zero level set (T = {{0}}, paper §3.3), got {Levels}");
        if (Iterations < 1) throw InvalidInputException.ForSetting(nameof(Iterations), name => $"{name} must be at least 1, got {Iterations}");
        if (TimeBudget is { } b && b <= TimeSpan.Zero) throw InvalidInputException.ForSetting(nameof(TimeBudget), name => $"{name} must be positive, got {b}");
        if (BatchSize < 16) throw InvalidInputException.ForSetting(nameof(BatchSize), name => $"{name} must be at least 16, got {BatchSize}");
        if (!(Lambda >= 0) || !double.IsFinite(Lambda)) throw InvalidInputException.ForSetting(nameof(Lambda), name => $"{name} must be a non-negative number, got {Lambda}");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw InvalidInputException.ForSetting(nameof(LearningRate), name => $"{name} must be positive, got {LearningRate}");
        if (NewtonIterations < 0) throw new InvalidInputException($"Newton iterations must be non-negative, got {NewtonIterations}");
        if (Resolution < 8 || Resolution > 2048) throw InvalidInputException.ForSetting(nameof(Resolution), name => $"{name} must be 8..2048, got {Resolution}");
        if (!(AverageFrom >= 0)) throw new InvalidInputException($"the weight-averaging start must be a non-negative fraction of the run, got {AverageFrom}");
        if (!(AverageDecay >= 0 && AverageDecay < 1)) throw new InvalidInputException($"the weight-averaging decay must lie in [0, 1), got {AverageDecay}");
        if (!(FreeSpaceWeight >= 0) || !double.IsFinite(FreeSpaceWeight)) throw InvalidInputException.ForSetting(nameof(FreeSpaceWeight), name => $"{name} must be a non-negative number, got {FreeSpaceWeight}");
        if (DenoiseNeighbours is < 0 or 1 or 2 or > 256) throw InvalidInputException.ForSetting(nameof(DenoiseNeighbours), name => $"{name} takes auto, off or 3..256 neighbours, got {DenoiseNeighbours}");
        if (MaxPoints is < 0 or (> 0 and < MinimumMaxPoints))
            throw InvalidInputException.ForSetting(nameof(MaxPoints), name => $"{name} takes all or at least {MinimumMaxPoints:N0} points, got {MaxPoints:N0}");
        if (UniformFraction is < 0 or > 1) throw new InvalidInputException($"uniform fraction must be in [0, 1], got {UniformFraction}");
        return this;
    }
}

/// <summary>The settings as JSON, stored with a saved model.</summary>
public static class ReconstructionSettingsJson
{
    public static System.Text.Json.Nodes.JsonObject ToJson(this ReconstructionSettings s) => new()
    {
        ["network"] = s.Network.ToString(),
        ["iterations"] = s.Iterations,
        ["timeBudgetSeconds"] = s.TimeBudget?.TotalSeconds,
        ["batchSize"] = s.BatchSize,
        ["lambda"] = s.Lambda,
        ["learningRate"] = s.LearningRate,
        ["levels"] = s.Levels.ToString(),
        ["newtonIterations"] = s.NewtonIterations,
        ["projectionPrecision"] = s.ProjectionPrecision == ProjectionPrecision.BFloat16 ? "bf16" : "fp32",
        ["zeroLevelSigma"] = s.ZeroLevelSigma,
        ["uniformFraction"] = s.UniformFraction,
        ["levelSigmas"] = new System.Text.Json.Nodes.JsonArray(s.LevelSigmas.Select(x => (System.Text.Json.Nodes.JsonNode?)x).ToArray()),
        ["averageFrom"] = s.AverageFrom,
        ["averageDecay"] = s.AverageDecay,
        ["freeSpaceWeight"] = s.FreeSpaceWeight,
        ["denoiseNeighbours"] = s.DenoiseNeighbours,
        ["maxPoints"] = s.MaxPoints,
        ["resolution"] = s.Resolution,
        ["minComponentArea"] = s.MinComponentArea,
        ["minSupportedShare"] = s.MinSupportedShare,
        ["refinement"] = s.Refinement.ToString().ToLowerInvariant(),
        ["seed"] = s.Seed,
        ["device"] = s.Device,
    };

    /// <summary>
    /// The settings a model was trained with, read back from <see cref="ToJson"/> (to continue a checkpoint with the
    /// very settings it began with); a missing field keeps its default.
    /// </summary>
    public static ReconstructionSettings FromJson(System.Text.Json.Nodes.JsonObject json)
    {
        var d = new ReconstructionSettings();
        T Get<T>(string name, T fallback) => json[name] is { } node ? node.GetValue<T>() : fallback;
        return d with
        {
            Network = json["network"] is { } network ? NetworkSpec.Parse(network.GetValue<string>()) : d.Network,
            Iterations = Get("iterations", d.Iterations),
            TimeBudget = json["timeBudgetSeconds"] is { } budget ? TimeSpan.FromSeconds(budget.GetValue<double>()) : null,
            BatchSize = Get("batchSize", d.BatchSize),
            Lambda = Get("lambda", d.Lambda),
            LearningRate = Get("learningRate", d.LearningRate),
            Levels = json["levels"] is { } levels ? LevelSchedule.Parse(levels.GetValue<string>()) : d.Levels,
            NewtonIterations = Get("newtonIterations", d.NewtonIterations),
            ProjectionPrecision = Get("projectionPrecision", "fp32") == "bf16" ? ProjectionPrecision.BFloat16 : ProjectionPrecision.Float32,
            ZeroLevelSigma = Get("zeroLevelSigma", d.ZeroLevelSigma),
            UniformFraction = Get("uniformFraction", d.UniformFraction),
            LevelSigmas = json["levelSigmas"] is System.Text.Json.Nodes.JsonArray sigmas ? [.. sigmas.Select(x => x!.GetValue<double>())] : d.LevelSigmas,
            AverageFrom = Get("averageFrom", d.AverageFrom),
            AverageDecay = Get("averageDecay", d.AverageDecay),
            FreeSpaceWeight = Get("freeSpaceWeight", d.FreeSpaceWeight),
            DenoiseNeighbours = json["denoiseNeighbours"] is { } k ? k.GetValue<int>() : null,
            // Models saved before the thinning existed trained on every point; continuing one keeps that.
            MaxPoints = Get("maxPoints", 0),
            Resolution = Get("resolution", d.Resolution),
            MinComponentArea = Get("minComponentArea", d.MinComponentArea),
            MinSupportedShare = Get("minSupportedShare", d.MinSupportedShare),
            // Models saved before the refinement existed were meshed without it; continuing one keeps that.
            Refinement = json["refinement"] is { } refinement ? Enum.Parse<MeshRefinement>(refinement.GetValue<string>(), ignoreCase: true) : MeshRefinement.Off,
            Seed = Get("seed", d.Seed),
            Device = Get("device", d.Device),
        };
    }
}

/// <summary>The number type of the Newton projection's matrix products.</summary>
public enum ProjectionPrecision
{
    Float32,
    /// <summary>bfloat16 products (float32 accumulation), float32 inputs, outputs and gradients.</summary>
    BFloat16,
}
