using System.Globalization;
using Nlset.Geometry;

namespace Nlset.Reconstruction.Batch;

/// <summary>
/// Which rows one task of a batch runs, with no coordinator: shard K of N takes rows K, K+N, K+2N… so N tasks
/// started by any engine cover the manifest once. K and N come from --shard K/N, else from the engine's
/// environment (a Slurm job array, a Kubernetes Indexed Job with --shards N), else 0/1: every row.
/// </summary>
public readonly record struct BatchShard(int Index, int Count)
{
    public static readonly BatchShard All = new(0, 1);

    public bool Contains(int row) => row % Count == Index;

    /// <summary>The rows of this shard among <paramref name="rows"/> manifest rows, in order.</summary>
    public IEnumerable<int> Rows(int rows)
    {
        for (int i = Index; i < rows; i += Count) yield return i;
    }

    /// <summary>
    /// This shard dealt to <paramref name="parts"/> workers on one machine: worker j takes shard K + N·j of N·J, so
    /// the workers' rows together are exactly this shard's.
    /// </summary>
    public IReadOnlyList<BatchShard> Split(int parts)
    {
        var (k, n) = (Index, Count);
        return Enumerable.Range(0, parts).Select(j => new BatchShard(k + n * j, n * parts)).ToArray();
    }

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>"K/N", 0 ≤ K &lt; N.</summary>
    public static BatchShard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            throw InvalidInputException.ForSetting(nameof(Shard), name => $"{name} {text}: give K/N, e.g. 0/4 for the first of four shards");
        if (n < 1) throw InvalidInputException.ForSetting(nameof(Shard), name => $"{name} {text}: N must be at least 1");
        if (k >= n) throw InvalidInputException.ForSetting(nameof(Shard), name => $"{name} {text}: K must be below N (shards are numbered from 0)");
        return new BatchShard(k, n);
    }

    /// <summary>
    /// The shard of this task. Under Slurm, with <paramref name="shards"/> the array index is the shard number (so
    /// resubmitting only some indices, --array=2,5, runs those shards); without it the array's own range is the
    /// batch (task (ID − MIN) / STEP of (MAX − MIN) / STEP + 1). Under a Kubernetes Indexed Job, JOB_COMPLETION_INDEX
    /// is the shard number and <paramref name="shards"/> the Job's completions.
    /// </summary>
    /// <param name="given">--shard K/N, which wins over the environment.</param>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    /// <returns>The shard and, for the log, where it came from.</returns>
    public static (BatchShard Shard, string Source) Resolve(string? given, int? shards, Func<string, string?> environment)
    {
        if (given != null)
        {
            if (shards != null) throw Worded(name => $"{name(nameof(Shard))} K/N and {name(nameof(Shards))} N exclude each other: give one");
            return (Parse(given), "given");
        }
        if (shards is < 1) throw InvalidInputException.ForSetting(nameof(Shards), name => $"{name} must be at least 1, got {shards}");
        if (Number(environment, "SLURM_ARRAY_TASK_ID") is { } id)
        {
            if (shards is { } n)
                return (Within(id, n, $"SLURM_ARRAY_TASK_ID={id}"), $"Slurm array task {id} of {n} shards");
            int min = Number(environment, "SLURM_ARRAY_TASK_MIN") ?? 0;
            int step = Math.Max(1, Number(environment, "SLURM_ARRAY_TASK_STEP") ?? 1);
            int count = Number(environment, "SLURM_ARRAY_TASK_MAX") is { } max ? (max - min) / step + 1
                : Number(environment, "SLURM_ARRAY_TASK_COUNT")
                  ?? throw Worded(name => $"SLURM_ARRAY_TASK_ID={id} is set but neither SLURM_ARRAY_TASK_MAX nor SLURM_ARRAY_TASK_COUNT: give {name(nameof(Shards))} N");
            if ((id - min) % step != 0)
                throw Worded(name => $"SLURM_ARRAY_TASK_ID={id} is not on the array's step {step} from {min}: give {name(nameof(Shards))} N (the array index is then the shard)");
            return (Within((id - min) / step, count, $"SLURM_ARRAY_TASK_ID={id}"), $"Slurm array task {id} of {min}..{min + (count - 1) * step}");
        }
        if (Number(environment, "JOB_COMPLETION_INDEX") is { } index)
        {
            if (shards is not { } n)
                throw Worded(name => $"JOB_COMPLETION_INDEX={index} (a Kubernetes Indexed Job) needs {name(nameof(Shards))} N, the Job's completions");
            return (Within(index, n, $"JOB_COMPLETION_INDEX={index}"), $"Kubernetes completion index {index} of {n} shards");
        }
        if (shards != null)
            throw Worded(name => $"{name(nameof(Shards))} N takes the shard number from a Slurm array (SLURM_ARRAY_TASK_ID) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX), and neither is set: give {name(nameof(Shard))} K/N");
        return (All, "no shard given and no Slurm array or Kubernetes Indexed Job: every row");
    }

    static BatchShard Within(int k, int n, string what) =>
        k >= 0 && k < n ? new BatchShard(k, n) : throw new InvalidInputException($"{what}: shard {k} is outside 0..{n - 1}, the {n} shards");

    /// <summary>The two settings a shard is given by, for messages (a front end names them its own way).</summary>
    const string Shard = nameof(Shard), Shards = nameof(Shards);

    static InvalidInputException Worded(SettingWording wording) => new InvalidInputException(wording(SettingNames.Library)).WordedWith(wording);

    static int? Number(Func<string, string?> environment, string name)
    {
        var text = environment(name);
        if (string.IsNullOrWhiteSpace(text)) return null;
        return int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) ? value
            : throw new InvalidInputException($"{name}={text}: not a whole number");
    }
}
