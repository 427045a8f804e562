using System.CommandLine;
using System.Text.Json;
using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Reconstruction;

using Nlset.Cli.Reporting;

namespace Nlset.Cli.Commands;

/// <summary>`nlset extract MODEL`: mesh a level set of a saved network again, without training.</summary>
public static class ExtractCommand
{
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
        var device = new Option<string>("--device") { Description = "auto, cpu or cuda", DefaultValueFactory = _ => "auto" };
        var keepSmall = new Option<bool>("--keep-small-components") { Description = $"Keep mesh components under {SurfaceExtractor.DefaultMinComponentArea:P1} of the total area (dropped by default as blobs)" };
        var json = new Option<bool>("--json") { Description = "Print a JSON summary on stdout" };
        var keepAllCurves = new Option<bool>("--keep-all-curves") { Description = "Curve models: write the network's whole curve as traced, without judging it against the training data" };
        var curveSmoothing = ReconstructCurve.CreateSmoothingOption("Curve models: ");
        var preview = PreviewPicture.CreateOption();
        var command = new Command("extract", "Mesh a level set of a saved network (marching cubes), or trace a curve model's curve as polylines [default output MODEL with .obj], in the coordinates of the cloud it was trained on.")
        {
            model, output, resolution, level, device, keepSmall, json, keepAllCurves, curveSmoothing, preview,
        };
        command.SetAction(parse =>
        {
            var modelPath = parse.GetValue(model)!.FullName;
            PreviewPicture.Check(parse.GetValue(preview)?.FullName);
            var loaded = ReconstructionModel.Load(modelPath, DeviceSelection.Resolve(parse.GetValue(device)!));
            if (loaded.Network.Spec.Outputs == 2)
                using (loaded.Network)
                    return ExtractCurve.Run(ctx, parse, loaded, modelPath);
            using var network = loaded.Network;
            if (parse.GetValue(keepAllCurves)) throw new InvalidInputException($"{modelPath}: --keep-all-curves applies only to curve models");
            if (parse.GetValue(curveSmoothing) is not null) throw new InvalidInputException($"{modelPath}: --curve-smoothing applies only to curve models");
            var outputPath = parse.GetValue(output)?.FullName ?? Path.ChangeExtension(modelPath, ".ply");
            int n = parse.GetValue(resolution);
            if (n is < 8 or > 2048) throw new InvalidInputException($"--resolution must be 8..2048, got {n}");
            double t = parse.GetValue(level);
            if (!double.IsFinite(t)) throw new InvalidInputException($"--level must be a finite number, got {t}");
            ReconstructCommand.CheckMeshOutput(outputPath);

            if (network.Spec.Outputs != 1 || network.Spec.InputDim != 3)
                throw new InvalidInputException($"{modelPath}: a {network.Spec.Outputs}-output network with {network.Spec.InputDim} inputs is not a surface network");
            network.eval();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            // The network's units are the normalised cloud's: a distance t in the input's units is t·scale there.
            var result = SurfaceExtractor.Extract(network, loaded.Normalization, new SurfaceExtractor.Settings(n, t * loaded.Normalization.Scale,
                parse.GetValue(keepSmall) ? 0 : SurfaceExtractor.DefaultMinComponentArea));
            var removed = result.RemovedSmall;
            if (removed > 0) ctx.Log.Information("Dropped {Count} small component(s) (--keep-small-components keeps them)", removed);
            if (result.Mesh.TriangleCount == 0)
                throw new InvalidInputException($"{modelPath}: the level set {t} is empty inside the network's box");
            result.Mesh.Comments.Add($"nlset extract: {Path.GetFileName(modelPath)}, level {t}, resolution {n}");
            GeometryFiles.Write(outputPath, result.Mesh);
            var topology = MeshTopology.Of(result.Mesh);
            ctx.Log.Information("Wrote {Output}: {Vertices} vertices, {Triangles} triangles, {Components} component(s), {Closed} in {Seconds:F1} s",
                outputPath, result.Mesh.VertexCount, result.Mesh.TriangleCount, topology.Components, topology.IsWatertight ? "closed" : "open", clock.Elapsed.TotalSeconds);
            PreviewPicture.Write(ctx, parse.GetValue(preview)?.FullName, result.Mesh, null);
            if (parse.GetValue(json))
                ctx.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    model = modelPath, output = outputPath, level = t, resolution = n, seconds = clock.Elapsed.TotalSeconds,
                    fieldEvaluations = result.Statistics.FieldEvaluations,
                    mesh = new { vertices = result.Mesh.VertexCount, triangles = result.Mesh.TriangleCount, components = topology.Components, watertight = topology.IsWatertight },
                    preview = parse.GetValue(preview)?.FullName,
                }, CliJson.Options));
            else ctx.Out.WriteLine(outputPath);
            return (int)ExitCode.Success;
        });
        return command;
    }
}
