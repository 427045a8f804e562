using System.Text.Json.Nodes;
using Nlset.Core;
using Nlset.Geometry;

namespace Nlset.Reconstruction;

/// <summary>
/// Where and how often a training saves what it needs to continue: the model file (network, normalisation, settings)
/// with the <see cref="TrainingState"/> after the weights, written atomically every <see cref="Interval"/> and when a
/// step fails, so a crash loses at most the steps since the last save (issue 13). <c>extract</c> reads such a file as a
/// model; <c>reconstruct --resume</c> continues it bit for bit.
/// </summary>
public sealed class TrainingCheckpoints(string path, Normalization normalization, string? source, JsonObject settings)
{
    /// <summary>Two minutes: a lost run costs at most that much, and a save (≈ 3 MB for the default network) takes milliseconds.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(2);

    public string Path { get; } = path;

    public TimeSpan Interval { get; init; } = DefaultInterval;

    /// <summary>Steps done at the last save; null before the first.</summary>
    public int? SavedAt { get; private set; }

    internal void Write(ImplicitNetwork network, int iteration, byte[] state)
    {
        ReconstructionModel.Save(Path, network, normalization, source, settings, state);
        SavedAt = iteration;
    }
}

/// <summary>A training step failed; what was trained is saved in <see cref="CheckpointPath"/> (when a save could be made).</summary>
public sealed class TrainingFailedException(int step, string? checkpointPath, int? savedAt, Exception inner)
    : Exception($"training failed at step {step}: {FirstLine(inner.Message)}", inner)
{
    /// <summary>The step that failed (1-based).</summary>
    public int Step { get; } = step;

    /// <summary>The checkpoint to continue from with --resume; null when none could be written.</summary>
    public string? CheckpointPath { get; } = checkpointPath;

    /// <summary>Steps done in that checkpoint.</summary>
    public int? SavedAt { get; } = savedAt;

    /// <summary>libtorch's messages carry its C++ stack after the first line.</summary>
    internal static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
