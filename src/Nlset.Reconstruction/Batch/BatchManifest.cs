using System.Text.Json;
using Nlset.Geometry;

namespace Nlset.Reconstruction.Batch;

/// <summary>
/// Reads the rows of a batch: a CSV file with a header row, a JSON-lines file (one object per line), a folder (one
/// row per point cloud in it) or a glob such as 'scans/*.ply' (one row per match). In a CSV or JSON-lines file the
/// columns are 'input' (required), 'output', 'options' (words as typed after `nlset reconstruct INPUT`), any
/// '--OPTION' column (its value, or a flag when true), and any other column, kept for batch-report. Relative paths
/// in input and output are taken from the manifest's folder.
/// </summary>
public static class BatchManifest
{
    /// <summary>What a folder's rows are: point-cloud files (text tables such as .txt and .csv only through a glob).</summary>
    public static readonly string[] FolderExtensions = [".ply", ".obj", ".off", ".stl", ".xyz", ".pts"];

    public static IReadOnlyList<BatchRow> Read(string manifest)
    {
        if (Directory.Exists(manifest)) return Files(manifest, Directory.EnumerateFiles(manifest).Where(f => FolderExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)));
        if (manifest.IndexOfAny(['*', '?']) >= 0) return Glob(manifest);
        if (!File.Exists(manifest)) throw new InvalidInputException($"{manifest}: no such manifest file or folder");
        var lines = File.ReadAllLines(manifest);
        var rows = Path.GetExtension(manifest).ToLowerInvariant() switch
        {
            ".csv" => ManifestTable.Csv(manifest, lines),
            ".jsonl" or ".ndjson" or ".json" => ManifestTable.JsonLines(manifest, lines),
            var other => throw new InvalidInputException($"{manifest}: a manifest is a .csv or .jsonl file, a folder or a glob, not '{other}'"),
        };
        if (rows.Count == 0) throw new InvalidInputException($"{manifest}: no rows");
        return rows;
    }

    /// <summary>A glob's wildcards (* and ?) stand in the file name only: 'scans/*.ply', not 'scans/*/cloud.ply'.</summary>
    static IReadOnlyList<BatchRow> Glob(string pattern)
    {
        var folder = Path.GetDirectoryName(pattern);
        var name = Path.GetFileName(pattern);
        if (string.IsNullOrEmpty(folder)) folder = ".";
        if (folder.IndexOfAny(['*', '?']) >= 0)
            throw new InvalidInputException($"{pattern}: wildcards are taken in the file name only (a folder of folders: list the rows in a CSV)");
        if (!Directory.Exists(folder)) throw new InvalidInputException($"{pattern}: the folder {folder} does not exist");
        var options = new EnumerationOptions { MatchType = MatchType.Simple, MatchCasing = MatchCasing.PlatformDefault };
        var rows = Files(pattern, Directory.EnumerateFiles(folder, name, options));
        return rows.Count > 0 ? rows : throw new InvalidInputException($"{pattern}: matches no files");
    }

    /// <summary>
    /// One row per file, sorted by name (the order, and so each shard's rows, are the same on every node), leaving out
    /// hidden files and what a batch writes beside its inputs (*.recon.*, result files), so a rerun finds the same rows.
    /// </summary>
    static IReadOnlyList<BatchRow> Files(string source, IEnumerable<string> files)
    {
        var chosen = files
            .Select(Path.GetFullPath)
            .Where(f => !Path.GetFileName(f).StartsWith('.') && !Path.GetFileName(f).Contains(".recon.", StringComparison.OrdinalIgnoreCase)
                && !f.EndsWith(".result.json", StringComparison.OrdinalIgnoreCase) && !f.EndsWith(".partial", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (chosen.Length == 0) throw new InvalidInputException($"{source}: holds no point clouds ({string.Join(", ", FolderExtensions)})");
        return chosen.Select((f, i) => new BatchRow(i, f, null, [], new Dictionary<string, string>(), f, Path.GetDirectoryName(f)!)).ToArray();
    }
}
