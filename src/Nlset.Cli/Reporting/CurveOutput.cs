using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.Curves;
using Nlset.Geometry.IO;
using Nlset.Reconstruction;
using TorchSharp;


namespace Nlset.Cli.Reporting;

/// <summary>
/// What `nlset reconstruct INPUT --curve` and `nlset extract` on a curve model share on the command line: the curve's
/// options and checks, its log lines, the polylines written and their JSON summary (paper §3.3: a two-output network
/// whose curve {F₁ = 0} ∩ {F₂ = 0} is traced and snapped; the library gives unset options the curve defaults of
/// <see cref="CurveReconstruction.DefaultSettings"/> and <see cref="CurveExtractionSettings"/>, not the surface ones).
/// </summary>
public static class CurveOutput
{
    public const string Description =
        "Reconstruct a curve instead of a surface: a network with two outputs whose curve {F1 = 0} ∩ {F2 = 0} is written as polylines " +
        "(OBJ 'l', or PLY 'edge' by extension; default INPUT.recon.obj). Curve defaults: network 4x256 with out=2, 800 iterations, batch 512, resolution 128";

    /// <summary>`--curve-smoothing RADII`, shared by reconstruct and extract; <paramref name="prefix"/> says when it applies.</summary>
    public static Option<double?> CreateSmoothingOption(string prefix) => new("--curve-smoothing")
    {
        Description = prefix + "smooth the curve along its length by a Gaussian of this many fit radii after judging it against the data " +
            $"(a fit radius is ~4 noise deviations of the cloud; 0 keeps the points as traced) [default: {new CurveAssemblyRule().SmoothingRadii}]",
        HelpName = "RADII",
    };

    /// <summary>The curve extraction options common to reconstruct --curve and extract on a curve model.</summary>
    public static CurveExtractionSettings ExtractionSettings(bool keepAll, double? smoothingRadii, int resolution)
    {
        var defaults = new CurveExtractionSettings();
        if (smoothingRadii is { } given && !(given >= 0 && double.IsFinite(given)))
            throw new InvalidInputException($"--curve-smoothing must be a non-negative number of fit radii, got {given.ToString(CultureInfo.InvariantCulture)}");
        return (defaults with
        {
            Resolution = resolution,
            KeepAll = keepAll,
            Assembly = smoothingRadii is { } radii ? defaults.Assembly with { SmoothingRadii = radii } : defaults.Assembly,
        }).Validated();
    }


    /// <summary>Refuses an output path that cannot hold polylines (OFF and XYZ cannot), before any work is done.</summary>
    public static void CheckCurveOutput(string outputPath, string? inputPath = null)
    {
        // A curve is written as OBJ l elements or a PLY edge element; the other formats cannot hold polylines.
        OutputPath.Check(outputPath, "-o", "a curve", ".obj", ".ply");
        if (inputPath != null) OutputPath.NotAnInput(outputPath, force: null, inputPath);
    }

    public static void Write(CliContext ctx, Mesh curve, string outputPath, string comment, Exception whenEmpty)
    {
        if (curve.Polylines.Count == 0) throw whenEmpty;
        curve.Comments.Add(comment);
        GeometryFiles.Write(outputPath, curve);
        LogWritten(ctx, curve, outputPath);
    }

    /// <summary>The line that says what curve was written.</summary>
    public static void LogWritten(CliContext ctx, Mesh curve, string outputPath)
    {
        int closed = curve.Polylines.Count(PolylineChains.IsClosed);
        ctx.Log.Information("Wrote {Output}: {Polylines} polyline(s), {Closed} closed, {Open} open, {Vertices} vertices, total length {Length:G6}",
            outputPath, curve.Polylines.Count, closed, curve.Polylines.Count - closed, curve.VertexCount, TotalLength(curve));
    }

    /// <summary>Says what the clean-up against the data (or, without data, of tiny curves) changed.</summary>
    public static void LogCleanUp(CliContext ctx, CurveExtraction x, double scale)
    {
        if (x.Assembly is { DroppedRuns: 0, Duplicates: 0, Completions: 0, Traces: 0, OverlapLength: 0 } whole)
            ctx.Log.Information("The data supports the whole traced curve (support distance {Support:G3})", whole.SupportDistance / scale);
        else if (x.Assembly is { } a)
            ctx.Log.Information("Judged the {Found} traced polyline(s) against the data (support distance {Support:G3}): dropped {Dropped} unsupported stretch(es) " +
                "and {Duplicates} repeated curve(s), total length {Length:G4}, cut {Overlap:G4} running over itself; kept {Completions} gap completion(s); followed the data from {Traces} end(s) " +
                "for {Traced:G4}, {Joins} join(s) (--keep-all-curves writes the whole traced curve)",
                x.Found, a.SupportDistance / scale, a.DroppedRuns, a.Duplicates, x.DroppedLength, a.OverlapLength / scale, a.Completions, a.Traces, a.TracedLength / scale,
                a.TracedJoins + a.SegmentJoins);
        else if (x.Dropped > 0)
            ctx.Log.Information("Dropped {Dropped} tiny curve(s) (total length {Length:G4}; --keep-all-curves keeps them)", x.Dropped, x.DroppedLength);
    }

    /// <param name="scale">The normalisation's scale (the clean-up's lengths are in normalised units).</param>
    public static object Summary(Mesh curve, CurveExtraction x, double scale) => new
    {
        polylines = curve.Polylines.Count,
        closed = curve.Polylines.Count(PolylineChains.IsClosed),
        open = curve.Polylines.Count(l => !PolylineChains.IsClosed(l)),
        vertices = curve.VertexCount,
        length = TotalLength(curve),
        found = x.Found,
        dropped = x.Dropped,
        droppedLength = x.DroppedLength,
        completions = x.Assembly?.Completions,
        tracedLength = x.Assembly is { } a ? a.TracedLength / scale : (double?)null,
        snapped = x.Snap?.Snapped,
        notSnapped = x.Snap?.Kept,
    };

    static double TotalLength(Mesh curve) => curve.Polylines.Sum(l => PolylineChains.Length(curve.Vertices, l));

    /// <summary>"DEPTHxWIDTH[,tokens]" with two outputs; r defaults to the curve default's radius.</summary>
    public static NetworkSpec ParseNetwork(string text)
    {
        var spec = NetworkSpec.Parse(text, CurveReconstruction.DefaultSettings.Network.Radius);
        if (text.Contains("out=", StringComparison.OrdinalIgnoreCase) && spec.Outputs != 2)
            throw new InvalidInputException($"--network '{text}': a curve network has two outputs (out=2)");
        return spec with { Outputs = 2 };
    }
}
