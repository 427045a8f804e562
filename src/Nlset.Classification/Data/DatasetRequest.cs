namespace Nlset.Classification.Data;

/// <summary>Which dataset to load, from where, and how to split it.</summary>
public sealed record DatasetRequest
{
    public DatasetName Dataset { get; init; } = DatasetName.Mnist;
    /// <summary>Folder holding the files (directly, or in a subfolder named after the dataset, where downloads go).</summary>
    public required string DataDirectory { get; init; }
    /// <summary>
    /// When set, the last N images of the training files (or of a single images/labels pair) are the test set and the
    /// standard test files are not needed. Required for a folder holding one pair without a split.
    /// </summary>
    public int? TestSplit { get; init; }
    /// <summary>Download missing files from <see cref="Mirror"/> or the standard location.</summary>
    public bool Download { get; init; } = true;
    /// <summary>Download from this base address instead of the standard location (same file names).</summary>
    public Uri? Mirror { get; init; }

    /// <summary>The default --data-dir: $XDG_CACHE_HOME/nlset/datasets, else ~/.cache/nlset/datasets.</summary>
    public static string DefaultDataDirectory()
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache))
            cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "nlset", "datasets");
    }
}
