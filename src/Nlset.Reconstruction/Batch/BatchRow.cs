namespace Nlset.Reconstruction.Batch;

/// <summary>
/// One row of a batch manifest: a reconstruct job as it would be typed after `nlset reconstruct` — the input, the
/// output if the manifest names one, and the row's own options — plus the manifest's other columns (a reference
/// mesh for batch-report, a label), and where the row came from for messages.
/// </summary>
/// <param name="Index">The row's place in the manifest (0-based): what sharding deals out.</param>
/// <param name="Input">The input cloud, an absolute path.</param>
/// <param name="Output">The output the manifest names (absolute), or null for reconstruct's default.</param>
/// <param name="Options">The row's options as command-line words, e.g. ["--levels", "0,±0.01"].</param>
/// <param name="Columns">The manifest's other columns by name (paths as written).</param>
/// <param name="Source">"manifest.csv:4", or the file a folder or glob row stands for.</param>
/// <param name="Folder">The folder relative paths in the row are taken from (the manifest's).</param>
public sealed record BatchRow(int Index, string Input, string? Output, IReadOnlyList<string> Options,
    IReadOnlyDictionary<string, string> Columns, string Source, string Folder)
{
    /// <summary>A path in one of the row's columns (a reference mesh), from the manifest's folder when relative.</summary>
    public string PathIn(string column) => Path.GetFullPath(Columns[column], Folder);

    /// <summary>The words of `nlset reconstruct` this row stands for (without the command name).</summary>
    public IReadOnlyList<string> Arguments => [Input, .. Output is null ? [] : new[] { "-o", Output }, .. Options];
}

/// <summary>A row with the output it will write (the manifest's, --output-dir's, or beside the input).</summary>
public sealed record PlannedRow(BatchRow Row, string Output)
{
    /// <summary>The row's result file: beside its output, so a rerun finds it whatever the manifest's order.</summary>
    public string ResultPath => ResultPathOf(Output);

    public static string ResultPathOf(string output) => output + ".result.json";
}
