using Nlset.Geometry;

namespace Nlset.Cli;

/// <summary>
/// The flag that sets each library setting. Library messages name settings by their settings properties
/// ("Iterations must be at least 1, got 0", see <see cref="SettingNames"/>); the CLI says them with its flags
/// ("--iterations must be at least 1, got 0") wherever it turns an exception or a reader's warning into a line.
/// </summary>
static class SettingFlags
{
    static readonly Dictionary<string, string> Flags = new(StringComparer.Ordinal)
    {
        // Reconstruction (ReconstructionSettings, CurveExtractionSettings)
        ["Network"] = "--network",
        ["Levels"] = "--levels",
        ["Iterations"] = "--iterations",
        ["TimeBudget"] = "--time-budget",
        ["BatchSize"] = "--batch-size",
        ["Lambda"] = "--lambda",
        ["LearningRate"] = "--learning-rate",
        ["Resolution"] = "--resolution",
        ["FreeSpaceWeight"] = "--free-space",
        ["DenoiseNeighbours"] = "--denoise",
        ["MaxPoints"] = "--max-points",
        ["ProjectionPrecision"] = "--projection-precision",
        ["KeepAll"] = "--keep-all-curves",
        ["Refinement"] = "--refine",
        // Batches (BatchShard)
        ["Shard"] = "--shard",
        ["Shards"] = "--shards",
        // Classifiers (RobustTrainingSettings, MarginTrainingSettings, MarginExperimentPlan, Demo2dSettings, DatasetRequest)
        ["Epochs"] = "--epochs",
        ["WeightDecay"] = "--weight-decay",
        ["TradesBeta"] = "--beta",
        ["ValidationCount"] = "--validation",
        ["Architecture"] = "--arch",
        ["Runs"] = "--runs",
        ["Classes"] = "--classes",
        ["Points"] = "--points",
        ["Epsilon"] = "--epsilon",
        ["Loss"] = "--loss",
        ["DataDirectory"] = "--data-dir",
        ["TestSplit"] = "--test-split",
        ["Download"] = "--no-download",
        // Every command
        ["Device"] = "--device",
        ["Output"] = "-o",
        ["Force"] = "--force",
        // Reading point files (GeometryReadOptions)
        ["Columns"] = "--columns",
        ["SkipInvalidPoints"] = "--skip-invalid-points",
        // Rendering (RenderSettings)
        ["Size"] = "--size",
        ["Views"] = "--views",
        ["Camera"] = "--camera",
        ["Shading"] = "--shading",
        ["Up"] = "--up",
    };

    /// <summary>The flag of a setting; a setting the CLI has no flag for keeps the library's name.</summary>
    public static string Of(string setting) => Flags.GetValueOrDefault(setting, setting);

    /// <summary>Every setting with its flag (for the test that each flag exists).</summary>
    public static IReadOnlyDictionary<string, string> All => Flags;

    /// <summary>The exception's message as the CLI says it.</summary>
    public static string MessageOf(Exception exception) => exception.MessageNaming(Of);
}
