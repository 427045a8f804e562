using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Reconstruction;

using Nlset.Cli.Reporting;

namespace Nlset.Cli.Commands;

/// <summary>
/// `nlset extract MODEL` on a curve model (two outputs): traces {F₁ = 0} ∩ {F₂ = 0} again and writes the polylines.
/// The curve is judged against the cloud the model was trained on when that is still where it was read from
/// (<see cref="Nlset.Geometry.Curves.CurveAssembly"/>); otherwise only tiny curves are dropped
/// (<see cref="Nlset.Geometry.Curves.SpuriousCurves"/>).
/// </summary>
public static class ExtractCurve
{
    public static int Run(CliContext ctx, ParseResult parse, ReconstructionModel model, string modelPath)
    {
        var outputPath = parse.GetValue<FileInfo?>("--output")?.FullName ?? Path.ChangeExtension(modelPath, ".obj");
        if (parse.GetValue<double>("--level") != 0)
            throw new InvalidInputException($"{modelPath}: --level applies to surfaces; a curve model has only its zero level set");
        var extraction = ReconstructCurve.ExtractionSettings(parse.GetValue<bool>("--keep-all-curves"), parse.GetValue<double?>("--curve-smoothing"),
            parse.GetResult("--resolution") is OptionResult { Implicit: false } ? parse.GetValue<int>("--resolution") : new CurveExtractionSettings().Resolution);
        ReconstructCurve.CheckCurveOutput(outputPath);

        var data = Array.Empty<Vector3d>();
        if (!extraction.KeepAll && model.Source is { } source)
        {
            if (File.Exists(source)) data = model.Normalization.ApplyAll(GeometryFiles.Read(source).Vertices);
            else ctx.Log.Warning("The training cloud {Source} is gone: the curve cannot be judged against it; dropping only tiny curves", source);
        }
        var network = model.Network;
        network.eval();
        var x = CurveExtractor.Extract(network, model.Normalization, extraction, data);
        ReconstructCurve.LogCleanUp(ctx, x, model.Normalization.Scale);
        ReconstructCurve.Write(ctx, x.Curve, outputPath, $"nlset extract: {Path.GetFileName(modelPath)}, resolution {extraction.Resolution}",
            new InvalidInputException(x.Found == 0
                ? $"{modelPath}: the network's two zero level sets do not meet inside its box"
                : $"{modelPath}: none of the network's curve ({x.Found} traced polyline(s)) runs along its training data (--keep-all-curves writes it anyway)"));
        PreviewPicture.Write(ctx, parse.GetValue<FileInfo?>("--preview")?.FullName, x.Curve, null);
        if (parse.GetValue<bool>("--json"))
            ctx.Out.WriteLine(JsonSerializer.Serialize(new
            {
                model = modelPath, output = outputPath, resolution = extraction.Resolution, seconds = x.Elapsed.TotalSeconds,
                fieldEvaluations = x.FieldEvaluations, curve = ReconstructCurve.Summary(x.Curve, x, model.Normalization.Scale),
                preview = parse.GetValue<FileInfo?>("--preview")?.FullName,
            }, CliJson.Options));
        else ctx.Out.WriteLine(outputPath);
        return (int)ExitCode.Success;
    }
}
