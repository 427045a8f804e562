using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nlset.Reconstruction.Batch;

/// <summary>The states of a row's result file.</summary>
public static class BatchStatus
{
    /// <summary>Started and not ended (still running, or its task was killed: a rerun runs it again).</summary>
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";

    /// <summary>Stopped by a signal (SIGTERM from scancel or a pre-empting scheduler) before it finished: a rerun runs it again.</summary>
    public const string Interrupted = "interrupted";
}

/// <summary>
/// A row's result file (JSON, written atomically beside its output): its status, how often it was started, its
/// timings, final loss and mesh or curve counts, or its error. A rerun skips a row whose file says done.
/// </summary>
public sealed record BatchRowResult
{
    public int Row { get; init; }
    public required string Input { get; init; }
    public required string Output { get; init; }
    public required string Status { get; init; }

    /// <summary>How many times the row was started (a row done at its first start says 1).</summary>
    public int Attempts { get; init; }

    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Wall time of the row, reading to the last file written.</summary>
    public double? Seconds { get; init; }

    public BatchRowFigures? Figures { get; init; }

    /// <summary>Why the row failed (one line).</summary>
    public string? Error { get; init; }

    /// <summary>The machine, shard and engine task that ran it (SLURM_ARRAY_JOB_ID_SLURM_ARRAY_TASK_ID, a pod's name).</summary>
    public string? Host { get; init; }
    public string? Shard { get; init; }
    public string? Task { get; init; }

    [JsonIgnore]
    public bool IsDone => Status == BatchStatus.Done;

    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // Paths and messages as people read them (an apostrophe, a ±), not as \u escapes: the file is for reading too.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The result file at <paramref name="path"/>, or null when there is none or it cannot be read (a rerun then runs the row).</summary>
    public static BatchRowResult? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<BatchRowResult>(File.ReadAllText(path), Json) : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Writes the file whole or not at all: to a temporary name in the same folder, then renamed over the old one.</summary>
    public void Write(string path)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json) + "\n");
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}

/// <summary>What a finished row made: the figures of its reconstruction.</summary>
public sealed record BatchRowFigures
{
    public int Points { get; init; }
    public int Iterations { get; init; }

    /// <summary>True when the training was stopped before its end (the row is then interrupted, not done).</summary>
    public bool Stopped { get; init; }

    public double TrainingSeconds { get; init; }
    public double ExtractionSeconds { get; init; }
    public double Loss { get; init; }
    public string? Network { get; init; }

    // A surface's mesh.
    public int? Vertices { get; init; }
    public int? Triangles { get; init; }
    public int? Components { get; init; }
    public bool? Watertight { get; init; }
    public int? Genus { get; init; }

    // A curve's polylines.
    public int? Polylines { get; init; }
    public double? Length { get; init; }

    public static BatchRowFigures Of(ReconstructionResult r) => new()
    {
        Points = r.Points,
        Iterations = r.Training.Iterations,
        Stopped = r.Training.Stopped,
        TrainingSeconds = r.Training.Elapsed.TotalSeconds,
        ExtractionSeconds = r.ExtractionTime.TotalSeconds,
        Loss = r.Training.Loss,
        Network = r.Settings.Network.ToString(),
        Vertices = r.Written.VertexCount,
        Triangles = r.Surface?.Mesh.TriangleCount,
        Components = r.Topology?.Components,
        Watertight = r.Topology?.IsWatertight,
        Genus = r.Topology?.Genus,
        Polylines = r.Curve?.Curve.Polylines.Count,
        Length = r.Curve is { } c ? c.Curve.Polylines.Sum(l => Geometry.Curves.PolylineChains.Length(c.Curve.Vertices, l)) : null,
    };
}
