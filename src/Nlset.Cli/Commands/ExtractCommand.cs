using System.CommandLine;
using System.Text.Json;
using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Reconstruction;

using Nlset.Cli.Reporting;

namespace Nlset.Cli.Commands;

/// <summary>
/// `nlset extract MODEL`: mesh a level set of a saved surface network again, or trace a saved curve network's curve
/// ({F₁ = 0} ∩ {F₂ = 0}) again, without training (<see cref="ModelExtraction"/>).
/// </summary>
public static class ExtractCommand
{
    /// <summary>Everything the handler needs, parsed.</summary>
    /// <param name="Output">Null: MODEL with .ply (surface) or .obj (curve).</param>
    /// <param name="Resolution">Null: the surface's or the curve's default.</param>
    /// <param name="CurveSmoothing">Null: the curve default.</param>
    public sealed record Request(
        string Model,
        string? Output,
        int? Resolution,
        double Level,
        string Device,
        bool KeepSmallComponents,
        bool Json,
        bool KeepAllCurves,
        double? CurveSmoothing,
        string? Preview,
        MeshRefinement Refinement = MeshRefinement.Auto);

    public static Command Create(CliContext ctx)
    {
        var model = new Argument<FileInfo>("MODEL") { Description = "A network saved by `nlset reconstruct --save-model` (.nlnet)." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Mesh to write (.ply, .obj or .off) [default: MODEL with .ply]", HelpName = "MESH" };
        var resolution = new Option<int>("--resolution") { Description = "Marching-cubes samples along the largest side", DefaultValueFactory = _ => new ReconstructionSettings().Resolution };
        var level = new Option<double>("--level")
        {
            Description = "Which level set: a signed distance from the surface in the input's units (negative: inside)",
            DefaultValueFactory = _ => 0,
        };
        var torchOptions = new TorchOptions();
        var keepSmall = new Option<bool>("--keep-small-components") { Description = $"Keep mesh components under {SurfaceExtractor.DefaultMinComponentArea:P1} of the total area (dropped by default as blobs)" };
        var json = new Option<bool>("--json") { Description = "Print a JSON summary on stdout" };
        var keepAllCurves = new Option<bool>("--keep-all-curves") { Description = "Curve models: write the network's whole curve as traced, without judging it against the training data" };
        var curveSmoothing = CurveOutput.CreateSmoothingOption("Curve models: ");
        var preview = PreviewPicture.CreateOption();
        var refine = new Option<string>("--refine")
        {
            Description = "Surfaces, level 0: move the mesh onto the moving-least-squares surface of the cloud the model was trained on, as reconstruct did: 'auto' (when the model's reconstruction did: its setting and the cloud's noise estimate; needs the cloud where it was read from), 'on' or 'off'",
            DefaultValueFactory = _ => "auto",
        };
        var command = new Command("extract", "Mesh a level set of a saved network (marching cubes), or trace a curve model's curve as polylines [default output MODEL with .obj], in the coordinates of the cloud it was trained on.")
        {
            model, output, resolution, level, torchOptions.Device!, keepSmall, refine, json, keepAllCurves, curveSmoothing, preview,
        };
        command.SetAction(parse => Run(ctx, new Request(
            parse.GetValue(model)!.FullName,
            parse.GetValue(output)?.FullName,
            // Unset, a curve model takes the curve default, not the surface default the help shows.
            parse.ValueIfGiven(resolution),
            parse.GetValue(level),
            torchOptions.Read(parse).Device,
            parse.GetValue(keepSmall),
            parse.GetValue(json),
            parse.GetValue(keepAllCurves),
            parse.GetValue(curveSmoothing),
            parse.GetValue(preview)?.FullName,
            ReconstructCommand.ParseRefine(parse.GetValue(refine)!))));
        return command;
    }

    public static int Run(CliContext ctx, Request request)
    {
        PreviewPicture.Check(request.Preview);
        var loaded = ReconstructionModel.Load(request.Model, DeviceSelection.Resolve(request.Device));
        using (loaded.Network)
            return loaded.Network.Spec.Outputs == 2 ? RunCurve(ctx, request, loaded) : RunSurface(ctx, request, loaded);
    }

    static int RunSurface(CliContext ctx, Request request, ReconstructionModel loaded)
    {
        var (modelPath, network) = (request.Model, loaded.Network);
        if (request.KeepAllCurves) throw new InvalidInputException($"{modelPath}: --keep-all-curves applies only to curve models");
        if (request.CurveSmoothing is not null) throw new InvalidInputException($"{modelPath}: --curve-smoothing applies only to curve models");
        var outputPath = request.Output ?? Path.ChangeExtension(modelPath, ".ply");
        int n = request.Resolution ?? new ReconstructionSettings().Resolution;
        if (n is < 8 or > 2048) throw new InvalidInputException($"--resolution must be 8..2048, got {n}");
        double t = request.Level;
        if (!double.IsFinite(t)) throw new InvalidInputException($"--level must be a finite number, got {t}");
        ReconstructCommand.CheckMeshOutput(outputPath);

        if (network.Spec.Outputs != 1 || network.Spec.InputDim != 3)
            throw new InvalidInputException($"{modelPath}: a {network.Spec.Outputs}-output network with {network.Spec.InputDim} inputs is not a surface network");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Another level set lies off the data by construction: only the surface itself moves onto the cloud.
        if (t != 0 && request.Refinement == MeshRefinement.On)
            throw new InvalidInputException($"{modelPath}: --refine on moves the surface onto its cloud; --level {t} asks for another level set");
        var result = ModelExtraction.Surface(loaded, n, t, request.KeepSmallComponents ? 0 : SurfaceExtractor.DefaultMinComponentArea);
        var removed = result.RemovedSmall;
        if (removed > 0) ctx.Log.Information("Dropped {Count} small component(s) (--keep-small-components keeps them)", removed);
        if (result.Mesh.TriangleCount == 0)
            throw new InvalidInputException($"{modelPath}: the level set {t} is empty inside the network's box");
        var refined = t == 0 ? ModelExtraction.Refine(loaded, result.Mesh, request.Refinement) : new ModelExtraction.RefinedSurface(result.Mesh, RefinementOutcome.NotApplied, null);
        if (refined.LostTrainingCloud is { } lost)
            ctx.Log.Warning("The training cloud {Source} is gone: the mesh is the network's alone, not refined onto the cloud as reconstruct refined it", lost);
        if (refined.Outcome is { Applied: true } r)
            ctx.Log.Information("Moved {Moved} of {Vertices} vertices onto the training cloud's moving-least-squares surface (--refine off keeps the network's surface)", r.Moved, r.Vertices);
        var mesh = refined.Mesh;
        mesh.Comments.Add($"nlset extract: {Path.GetFileName(modelPath)}, level {t}, resolution {n}{(refined.Outcome.Applied ? ", refined onto the training cloud" : "")}");
        GeometryFiles.Write(outputPath, mesh);
        var topology = MeshTopology.Of(mesh);
        ctx.Log.Information("Wrote {Output}: {Vertices} vertices, {Triangles} triangles, {Components} component(s), {Closed} in {Seconds:F1} s",
            outputPath, mesh.VertexCount, mesh.TriangleCount, topology.Components, topology.IsWatertight ? "closed" : "open", clock.Elapsed.TotalSeconds);
        PreviewPicture.Write(ctx, request.Preview, mesh, null);
        if (request.Json)
            ctx.Out.WriteLine(JsonSerializer.Serialize(new
            {
                model = modelPath, output = outputPath, level = t, resolution = n, seconds = clock.Elapsed.TotalSeconds,
                fieldEvaluations = result.Statistics.FieldEvaluations,
                mesh = new { vertices = mesh.VertexCount, triangles = mesh.TriangleCount, components = topology.Components, watertight = topology.IsWatertight },
                refinement = new { applied = refined.Outcome.Applied, moved = refined.Outcome.Moved, lostTrainingCloud = refined.LostTrainingCloud },
                preview = request.Preview,
            }, CliJson.Options));
        else ctx.Out.WriteLine(outputPath);
        return (int)ExitCode.Success;
    }

    /// <summary>A curve model (two outputs): its only level set is the zero one.</summary>
    static int RunCurve(CliContext ctx, Request request, ReconstructionModel loaded)
    {
        var modelPath = request.Model;
        var outputPath = request.Output ?? Path.ChangeExtension(modelPath, ".obj");
        if (request.Level != 0)
            throw new InvalidInputException($"{modelPath}: --level applies to surfaces; a curve model has only its zero level set");
        if (request.Refinement == MeshRefinement.On)
            throw new InvalidInputException($"{modelPath}: --refine applies to surfaces; a curve is judged against its cloud instead");
        var extraction = CurveOutput.ExtractionSettings(request.KeepAllCurves, request.CurveSmoothing,
            request.Resolution ?? new CurveExtractionSettings().Resolution);
        CurveOutput.CheckCurveOutput(outputPath);

        var (x, lost) = ModelExtraction.Curve(loaded, extraction);
        if (lost is not null)
            ctx.Log.Warning("The training cloud {Source} is gone: the curve cannot be judged against it; dropping only tiny curves", lost);
        CurveOutput.LogCleanUp(ctx, x, loaded.Normalization.Scale);
        CurveOutput.Write(ctx, x.Curve, outputPath, $"nlset extract: {Path.GetFileName(modelPath)}, resolution {extraction.Resolution}",
            new InvalidInputException(x.Found == 0
                ? $"{modelPath}: the network's two zero level sets do not meet inside its box"
                : $"{modelPath}: none of the network's curve ({x.Found} traced polyline(s)) runs along its training data (--keep-all-curves writes it anyway)"));
        PreviewPicture.Write(ctx, request.Preview, x.Curve, null);
        if (request.Json)
            ctx.Out.WriteLine(JsonSerializer.Serialize(new
            {
                model = modelPath, output = outputPath, resolution = extraction.Resolution, seconds = x.Elapsed.TotalSeconds,
                fieldEvaluations = x.FieldEvaluations, curve = CurveOutput.Summary(x.Curve, x, loaded.Normalization.Scale),
                preview = request.Preview,
            }, CliJson.Options));
        else ctx.Out.WriteLine(outputPath);
        return (int)ExitCode.Success;
    }
}
