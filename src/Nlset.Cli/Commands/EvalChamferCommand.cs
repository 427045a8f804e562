using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Geometry.Metrics;

using Nlset.Cli.Reporting;

namespace Nlset.Cli.Commands;

/// <summary>`nlset eval-chamfer RECON REFERENCE`: Chamfer L1/L2, F-score, Hausdorff, normal consistency and exact surface error.</summary>
public static class EvalChamferCommand
{
    /// <summary>Everything the handler needs, parsed.</summary>
    public sealed record Request(string Reconstruction, string Reference, int Samples, long Seed, double? FScoreThreshold, bool Subsample, bool Json,
        GeometryReadOptions Reading);

    public static Command Create(CliContext ctx)
    {
        var reconstruction = new Argument<FileInfo>("RECON") { Description = "The reconstruction: a mesh, polylines or point set (PLY, OBJ, OFF, STL, XYZ)." };
        var reference = new Argument<FileInfo>("REFERENCE") { Description = "The ground truth, in the same units." };
        // --count is the name every command uses for how many points; --samples was this command's, kept as an alias.
        var samples = new Option<int>("--count", "-n", "--samples")
        {
            Description = "Points drawn from each mesh (by area) or polyline set (by length); with --subsample also the size point sets are cut to (--samples is the old name).",
            DefaultValueFactory = _ => ComparisonOptions.DefaultSamples,
            CustomParser = NumberRange.AtLeast(1, ComparisonOptions.DefaultSamples),
            HelpName = "N",
        };
        var seed = new Option<long>("--seed") { Description = "Seed of the sampling; the same seed gives the same figures.", DefaultValueFactory = _ => 0, HelpName = "S" };
        var threshold = new Option<double?>("--fscore-threshold")
        {
            Description = "F-score distance threshold in the inputs' units [default: 1% of the reference's bounding-box diagonal].",
            CustomParser = NumberRange.PositiveOrAbsent(),
            HelpName = "T",
        };
        var subsample = new Option<bool>("--subsample")
        {
            Description = "Cut point sets larger than --count down to --count points (without replacement); otherwise every point is used.",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (raw distances, not x 1000) instead of a table." };

        var command = new Command("eval-chamfer",
            "Score a reconstruction against a reference: Chamfer L1 and L2, F-score, Hausdorff, normal consistency, "
            + "and for two meshes the exact surface error (sample distances to the other's triangles).")
        {
            reconstruction, reference, samples, seed, threshold, subsample, json,
        };
        GeometryInput.AddTo(command);
        command.SetAction(parse =>
        {
            Run(ctx, new Request(parse.GetValue(reconstruction)!.FullName, parse.GetValue(reference)!.FullName, parse.GetValue(samples),
                parse.GetValue(seed), parse.GetValue(threshold), parse.GetValue(subsample), parse.GetValue(json), GeometryInput.ReadOptionsOf(parse)));
            return (int)ExitCode.Success;
        });
        return command;
    }

    public static ComparisonReport Run(CliContext ctx, Request s)
    {
        var clock = Stopwatch.StartNew();
        var reconstruction = GeometryInput.Read(ctx, s.Reading, s.Reconstruction);
        var reference = GeometryInput.Read(ctx, s.Reading, s.Reference);
        WarnIfScalesDiffer(ctx, s, reconstruction.Bounds, reference.Bounds);
        var options = new ComparisonOptions
        {
            Samples = s.Samples,
            Seed = s.Seed,
            FScoreThreshold = s.FScoreThreshold,
            SubsamplePointSets = s.Subsample,
        };
        ComparisonResult result;
        try
        {
            result = SurfaceComparison.Compare(reconstruction, reference, options);
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException($"comparing {Path.GetFileName(s.Reconstruction)} with {Path.GetFileName(s.Reference)}: {e.Message}", e);
        }
        ctx.Log.Debug("Compared in {Seconds:F2} s", clock.Elapsed.TotalSeconds);

        var report = ComparisonReport.Of(s.Reconstruction, s.Reference, options, result);
        if (s.Json) ctx.Out.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
        else report.WriteTable(ctx.Out);
        return report;
    }

    /// <summary>The largest bounding-box side ratio between the two inputs above which they are probably in different units.</summary>
    public const double ScaleRatioWarning = 2;

    /// <summary>Distances and the F-score threshold only mean something in shared units: two files whose bounding boxes differ by
    /// more than 2× in size (millimetres against metres, a normalised copy against the original) get a warning, not silence.</summary>
    static void WarnIfScalesDiffer(CliContext ctx, Request s, BoundingBox reconstruction, BoundingBox reference)
    {
        double a = reconstruction.LargestSide, b = reference.LargestSide;
        if (!(a > 0 && b > 0)) return;
        double ratio = Math.Max(a, b) / Math.Min(a, b);
        if (ratio > ScaleRatioWarning)
            ctx.Log.Warning("The two inputs differ in size by {Ratio:G3}x (largest bounding-box side {Recon:G4} for {ReconFile}, {Ref:G4} for {RefFile}): "
                + "are they in the same units? (nlset normalize puts a mesh in the units of sample --normalize)",
                ratio, a, Path.GetFileName(s.Reconstruction), b, Path.GetFileName(s.Reference));
    }
}
