using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Nlset.Geometry;
using Nlset.Geometry.Metrics;
using Nlset.Reconstruction.Batch;

using Nlset.Cli.Reporting;

namespace Nlset.Cli.Commands;

/// <summary>
/// `nlset batch-report MANIFEST`: the result files of a batch's rows, written by whichever tasks ran them, merged into
/// one table with totals, failures and the slowest rows; with --reference COLUMN each mesh is also scored against the
/// row's reference by eval-chamfer's comparison. Exit code 0 only when every row is done, so a pipeline can gate on it.
/// </summary>
public static class BatchReportCommand
{
    public sealed record Settings(string Manifest, IReadOnlyList<string> RowOptions, string? OutputDir, string? Reference, bool Json, bool Csv, int Slowest);

    /// <summary>A row's scores against its reference (eval-chamfer's figures), or why it has none.</summary>
    public sealed record Score(ComparisonReport? Report, string? Error);

    public static Command Create(CliContext ctx)
    {
        var outputDir = BatchCommand.CreateOutputDirOption();
        var reference = new Option<string?>("--reference")
        {
            Description = "Score each done row's mesh against the file in this manifest column (eval-chamfer's Chamfer L1/L2, F-score, Hausdorff; default sampling)",
            HelpName = "COLUMN",
        };
        var json = new Option<bool>("--json") { Description = "Print the rows, totals, failures and slowest rows as one JSON object" };
        var csv = new Option<bool>("--csv") { Description = "Print the rows as CSV (a header row, one line per row)" };
        var slowest = new Option<int>("--slowest")
        {
            Description = "How many of the slowest done rows to list",
            DefaultValueFactory = _ => 5,
            CustomParser = NumberRange.AtLeast(0, 5),
            HelpName = "N",
        };
        var command = new Command("batch-report", "Merge the result files of a batch into one table (or --json, --csv) with totals, failures and the slowest rows; exit code 0 only when every row is done.")
        {
            BatchCommand.ManifestArgument, BatchCommand.RowOptionsArgument, outputDir, reference, json, csv, slowest,
        };
        GeometryInput.AddTo(command);
        command.SetAction(parse =>
        {
            GeometryInput.Configure(ctx, parse);
            return Run(ctx, new Settings(parse.GetValue(BatchCommand.ManifestArgument)!, parse.GetValue(BatchCommand.RowOptionsArgument) ?? [], parse.GetValue(outputDir)?.FullName, parse.GetValue(reference),
                parse.GetValue(json), parse.GetValue(csv), parse.GetValue(slowest)));
        });
        return command;
    }

    public static int Run(CliContext ctx, Settings s)
    {
        if (s.Json && s.Csv) throw new InvalidInputException("--json and --csv exclude each other: give one");
        var plan = BatchPlan.Make(s.Manifest, s.OutputDir, s.RowOptions, check: false);
        if (s.Reference is { } column) CheckReferences(plan.Rows, column);
        var report = BatchReport.Merge(plan.Rows, s.Slowest);
        var scores = s.Reference is { } c ? report.Rows.Select(r => ScoreOf(ctx, r, c)).ToArray() : null;
        if (s.Json) ctx.Out.WriteLine(JsonSerializer.Serialize(Json(report, scores), CliJson.Options));
        else if (s.Csv) WriteCsv(ctx.Out, report, scores);
        else WriteTable(ctx.Out, report, scores);
        var t = report.Totals;
        if (!t.Complete)
            ctx.Log.Warning("{NotDone} of {Rows} row(s) are not done: {Failed} failed, {Interrupted} interrupted, {Running} running or killed, {NotStarted} not started, {Missing} with their output missing (rerun the batch: done rows are skipped)",
                t.Rows - t.Done, t.Rows, t.Failed, t.Interrupted, t.Running, t.NotStarted, t.Missing);
        return (int)(t.Complete ? ExitCode.Success : ExitCode.Failure);
    }

    /// <summary>Every row names an existing reference in the column, checked before any scoring.</summary>
    static void CheckReferences(IReadOnlyList<PlannedRow> rows, string column)
    {
        foreach (var row in rows)
        {
            if (!row.Row.Columns.TryGetValue(column, out var path) || string.IsNullOrWhiteSpace(path))
                throw new InvalidInputException($"{row.Row.Source}: --reference {column}: the row has no '{column}' column" +
                    (row.Row.Columns.Count > 0 ? $" (it has {string.Join(", ", row.Row.Columns.Keys)})" : ""));
            if (!File.Exists(row.Row.PathIn(column))) throw new InvalidInputException($"{row.Row.Source}: --reference {column}: {path}: no such file");
        }
    }

    static Score? ScoreOf(CliContext ctx, BatchReportRow row, string column)
    {
        if (row.Status != BatchStatus.Done) return null;
        var reference = row.Row.Row.PathIn(column);
        try
        {
            var options = new ComparisonOptions();
            var result = SurfaceComparison.Compare(GeometryInput.Read(ctx, row.Row.Output), GeometryInput.Read(ctx, reference), options);
            return new Score(ComparisonReport.Of(row.Row.Output, reference, options, result), null);
        }
        catch (InvalidInputException e)
        {
            return new Score(null, SettingFlags.MessageOf(e));
        }
    }

    static object Json(BatchReport report, Score?[]? scores) => new
    {
        totals = report.Totals,
        rows = report.Rows.Select((r, i) => new
        {
            row = r.Row.Row.Index,
            source = r.Row.Row.Source,
            input = r.Row.Row.Input,
            output = r.Row.Output,
            status = r.Status,
            result = r.Result,
            score = scores?[i],
        }),
        failures = report.Failures.Select(r => new { row = r.Row.Row.Index, source = r.Row.Row.Source, error = r.Result?.Error }),
        slowest = report.Slowest.Select(r => new { row = r.Row.Row.Index, source = r.Row.Row.Source, seconds = r.Result?.Seconds }),
    };

    static readonly string[] Columns = ["row", "status", "seconds", "iterations", "loss", "vertices", "triangles", "polylines", "attempts", "input", "output", "error"];
    static readonly string[] ScoreColumns = ["chamfer_l1", "chamfer_l2", "fscore", "hausdorff"];

    static string[] Cells(BatchReportRow r, Score? score, bool withScores)
    {
        var (result, f) = (r.Result, r.Result?.Figures);
        string N(double? v, string format) => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "";
        string[] cells =
        [
            r.Row.Row.Index.ToString(CultureInfo.InvariantCulture), r.Status, N(result?.Seconds, "F1"), N(f?.Iterations, "F0"), N(f?.Loss, "F5"),
            N(f?.Vertices, "F0"), N(f?.Triangles, "F0"), N(f?.Polylines, "F0"), N(result?.Attempts, "F0"), r.Row.Row.Input, r.Row.Output, result?.Error ?? "",
        ];
        if (!withScores) return cells;
        var c = score?.Report;
        return [.. cells, N(c?.ChamferL1.Sum, "G6"), N(c?.ChamferL2.Sum, "G6"), N(c?.FScore.F, "F4"), N(c?.Hausdorff.Max, "G6")];
    }

    static void WriteCsv(TextWriter o, BatchReport report, Score?[]? scores)
    {
        static string Quote(string cell) => cell.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
        o.WriteLine(string.Join(',', scores is null ? Columns : [.. Columns, .. ScoreColumns]));
        for (int i = 0; i < report.Rows.Count; i++)
            o.WriteLine(string.Join(',', Cells(report.Rows[i], scores?[i], scores != null).Select(Quote)));
    }

    static void WriteTable(TextWriter o, BatchReport report, Score?[]? scores)
    {
        var t = report.Totals;
        var header = new StringBuilder($"{"row",5}  {"status",-12} {"seconds",8} {"loss",9} {"triangles",9}");
        if (scores != null) header.Append($" {"chamfer-L1",11} {"F-score",7}");
        o.WriteLine(header.Append("  output").ToString());
        for (int i = 0; i < report.Rows.Count; i++)
        {
            var r = report.Rows[i];
            var f = r.Result?.Figures;
            var line = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
                $"{r.Row.Row.Index,5}  {r.Status,-12} {r.Result?.Seconds,8:F1} {f?.Loss,9:F5} {(f?.Triangles ?? f?.Polylines),9}"));
            if (scores != null)
                line.Append(string.Create(CultureInfo.InvariantCulture, $" {scores[i]?.Report?.ChamferL1.Sum,11:G4} {scores[i]?.Report?.FScore.F,7:F4}"));
            o.WriteLine(line.Append("  ").Append(r.Row.Output).ToString());
        }
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{t.Rows} rows: {t.Done} done, {t.Failed} failed, {t.Interrupted} interrupted, {t.Running} running or killed, {t.NotStarted} not started, {t.Missing} output missing; {t.Seconds:F1} s of row time ({t.TrainingSeconds:F1} s training), {t.Attempts} start(s)"));
        foreach (var failed in report.Failures) o.WriteLine($"failed: row {failed.Row.Row.Index} ({failed.Row.Row.Source}): {failed.Result?.Error}");
        if (report.Slowest.Count > 0)
            o.WriteLine("slowest: " + string.Join(", ", report.Slowest.Select(r => string.Create(CultureInfo.InvariantCulture, $"row {r.Row.Row.Index} {r.Result?.Seconds:F1} s"))));
        if (scores != null && scores.Any(s => s?.Error != null))
            foreach (var (s, i) in scores.Select((s, i) => (s, i)).Where(p => p.s?.Error != null)) o.WriteLine($"not scored: row {report.Rows[i].Row.Row.Index}: {s!.Error}");
    }
}
