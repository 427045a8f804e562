using Nlset.Cli.Commands;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Reconstruction;
using Nlset.Reconstruction.Batch;

namespace Nlset.Cli;

/// <summary>
/// A manifest's rows read as `nlset reconstruct` command lines: each row's options parsed by reconstruct's own
/// options, its output placed (the manifest's, else in --output-dir, else beside the input) and checked as reconstruct
/// checks it — every row before any row starts, so a typo in row 900 is found before row 1 trains.
/// </summary>
sealed class BatchPlan
{
    public required string Manifest { get; init; }
    public required IReadOnlyList<PlannedRow> Rows { get; init; }

    /// <summary>Each row's invocation, by row index.</summary>
    public required IReadOnlyList<ReconstructCommand.Invocation> Invocations { get; init; }

    /// <summary>At most this many rows' errors are named in the one line of a refused manifest.</summary>
    const int NamedErrors = 5;

    /// <param name="common">reconstruct options for every row (a row's own win).</param>
    /// <param name="check">Also check the outputs can be written (batch); batch-report only reads.</param>
    /// <exception cref="InvalidInputException">A bad row (each named with its manifest line), or two rows with one output.</exception>
    public static BatchPlan Make(string manifest, string? outputDir, IReadOnlyList<string> common, bool check)
    {
        var rows = BatchManifest.Read(manifest);
        if (outputDir != null && check)
        {
            OutputPath.CheckFolderToCreate(outputDir, "--output-dir");
            Directory.CreateDirectory(outputDir);
        }
        var parser = new ReconstructCommand.ArgumentParser();
        parser.CheckCommon(common);
        var planned = new List<PlannedRow>();
        var invocations = new List<ReconstructCommand.Invocation>();
        var errors = new List<string>();
        foreach (var row in rows)
        {
            try
            {
                var invocation = parser.Parse(row.Arguments, common);
                if (invocation.Json) throw new InvalidInputException("--json: a row's summary is its result file (batch-report merges them)");
                if (row.Output is null && outputDir != null)
                    invocation = invocation with
                    {
                        Request = invocation.Request with { Output = Path.Combine(Path.GetFullPath(outputDir), Path.GetFileName(invocation.Request.Output)) },
                    };
                if (check)
                {
                    if (!File.Exists(row.Input)) throw new InvalidInputException($"{row.Input}: no such file");
                    ReconstructCommand.Check(invocation);
                }
                planned.Add(new PlannedRow(row, invocation.Request.Output));
                invocations.Add(invocation);
            }
            catch (InvalidInputException e)
            {
                errors.Add($"{row.Source}: {SettingFlags.MessageOf(e)}");
            }
        }
        if (errors.Count > 0)
            throw new InvalidInputException(string.Join("; ", errors.Take(NamedErrors))
                + (errors.Count > NamedErrors ? $"; and {errors.Count - NamedErrors} more row(s) with errors" : "")
                + $" ({errors.Count} of {rows.Count} rows refused; no row was started)");
        BatchRunner.CheckDistinctOutputs(planned);
        return new BatchPlan { Manifest = manifest, Rows = planned, Invocations = invocations };
    }
}
