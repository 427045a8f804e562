using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Reconstruction;
using TorchSharp;
using static TorchSharp.torch;

using Nlset.Cli.Reporting;

namespace Nlset.Cli.Commands;

/// <summary>`nlset reconstruct INPUT`: a raw point cloud in, a mesh out (Eq. 13, then marching cubes).</summary>
public static class ReconstructCommand
{
    public static Command Create(CliContext ctx)
    {
        var d = new ReconstructionSettings();
        var input = new Argument<FileInfo>("INPUT") { Description = "Point cloud (PLY, OBJ, OFF, STL, XYZ; a mesh's vertices are used as points). Normals are not needed." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Mesh to write (.ply, .obj, .off or .stl) [default: INPUT.recon.ply beside the input]", HelpName = "MESH" };
        var levels = new Option<string>("--levels")
        {
            Description = "Level sets to control: 'continuous' (general-level samples, each on its own level) or a set T such as 0,±0.01,±0.05 (units: the cloud's largest side = 1)",
            DefaultValueFactory = _ => "continuous",
        };
        var iterations = new Option<int>("--iterations") { Description = "Training steps", DefaultValueFactory = _ => d.Iterations };
        var budget = new Option<TimeSpan?>("--time-budget") { Description = "Train for this long instead of --iterations (e.g. 90s, 4m, 4:30)", CustomParser = Duration.Parse, HelpName = "DURATION" };
        var batch = new Option<int>("--batch-size") { Description = "Input points per step (as many zero-level and general-level samples are drawn)", DefaultValueFactory = _ => d.BatchSize };
        var network = new Option<string>("--network")
        {
            Description = "Hidden layers x width, with optional ,fourier=K (K octaves of Fourier features of the input; 0: the paper's plain input) and ,softplus (8x512 is the paper's; slower)",
            DefaultValueFactory = _ => NetworkArgument(d.Network),
        };
        var denoise = new Option<string>("--denoise")
        {
            Description = $"Move each point onto the plane of its nearest neighbours before training: 'auto' (when the cloud's noise estimate says it is noisy; {InputDenoising.Neighbours} neighbours), 'off', or a number of neighbours",
            DefaultValueFactory = _ => "auto",
        };
        var freeSpace = new Option<double>("--free-space") { Description = "Weight of the free-space term: F must not be negative where the cloud shows open space (tears webs between close parts; 0: the paper's loss alone)", DefaultValueFactory = _ => d.FreeSpaceWeight };
        var lambda = new Option<double>("--lambda") { Description = "Weight of mean |F(x)| on the input points (Eq. 13)", DefaultValueFactory = _ => d.Lambda };
        var learningRate = new Option<double>("--learning-rate") { Description = "Adam's initial learning rate (cosine decay to a tenth)", DefaultValueFactory = _ => d.LearningRate };
        var resolution = new Option<int>("--resolution") { Description = "Marching-cubes samples along the largest side (sparse narrow band above 64)", DefaultValueFactory = _ => d.Resolution };
        var seed = new Option<int>("--seed") { Description = "Seed for initialisation and sampling (a CPU run is repeatable bit for bit)", DefaultValueFactory = _ => d.Seed };
        var device = new Option<string>("--device") { Description = "auto, cpu or cuda", DefaultValueFactory = _ => d.Device };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for torch [default: all cores; 1 is faster on a machine busy with other work]", HelpName = "N" };
        var keepSmall = new Option<bool>("--keep-small-components") { Description = $"Keep mesh components under {SurfaceExtractor.DefaultMinComponentArea:P1} of the total area (dropped by default as blobs)" };
        var keepUnsupported = new Option<bool>("--keep-unsupported-components")
        {
            Description = $"Keep mesh components of which less than {UnsupportedComponents.DefaultMinSupportedShare:P0} of the area lies within {UnsupportedComponents.DefaultToleranceSpacings} point spacings of the input (dropped by default: pieces the data does not describe)"
        };
        var saveModel = new Option<FileInfo?>("--save-model") { Description = "Also save the trained network (.nlnet) for `nlset extract` or --resume", HelpName = "MODEL" };
        var resume = new Option<FileInfo?>("--resume") { Description = "Start from a saved network instead of a new one (its architecture and normalisation are kept)", HelpName = "MODEL" };
        var normalsOut = new Option<FileInfo?>("--normals-out") { Description = "Also write the input points with oriented normals (the network's unit gradient, outwards), in their order (.ply, .obj, .off, .xyz)", HelpName = "CLOUD" };
        var json = new Option<bool>("--json") { Description = "Print a JSON summary (time, iterations, final loss terms, output paths) on stdout" };
        var curve = new Option<bool>("--curve") { Description = ReconstructCurve.Description };
        var preview = PreviewPicture.CreateOption();
        var plots = TrainingPlots.CreateOption("the loss terms and learning rate over the training steps (loss.png)");
        var keepAllCurves = new Option<bool>("--keep-all-curves") { Description = "With --curve: write the network's whole curve as traced (by default only the stretches the data supports and the network's completions of gaps in the data are kept, joined along the data into closed or open curves)" };
        var curveSmoothing = ReconstructCurve.CreateSmoothingOption("With --curve: ");

        var command = new Command("reconstruct", "Reconstruct a surface mesh (or with --curve a curve) from a raw point cloud (no normals needed) by controlling a network's level sets.")
        {
            input, output, levels, iterations, budget, batch, network, denoise, freeSpace, lambda, learningRate, resolution, seed, device, threads, keepSmall, keepUnsupported, saveModel, resume, normalsOut, json, curve, keepAllCurves,
            curveSmoothing, preview, plots,
        };
        GeometryInput.AddTo(command);
        command.SetAction(parse =>
        {
            GeometryInput.Configure(ctx, parse);
            bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
            // A step count and a time budget both say when to stop; taking one silently misleads.
            if (Given(iterations) && parse.GetValue(budget) is not null)
                throw new InvalidInputException("--iterations and --time-budget exclude each other: give one");
            var shape = parse.GetValue(curve) ? ReconstructionShape.Curve : ReconstructionShape.Surface;
            if (shape == ReconstructionShape.Curve)
            {
                if (Given(levels) && !LevelSchedule.Parse(parse.GetValue(levels)!).IsZeroOnly)
                    throw new InvalidInputException("--levels does not apply to --curve: a curve network controls only its zero level set (T = {0}, paper §3.3)");
                // A curve has no inside or outside for the free-space sign, its clean-up measures the cloud's own noise, and its
                // pieces are judged against the data by the curve rules (CurveAssembly), not by surface area.
                foreach (var surfaceOnly in new Option[] { freeSpace, denoise, keepUnsupported, normalsOut })
                    if (Given(surfaceOnly)) throw new InvalidInputException($"{surfaceOnly.Name} applies to surfaces, not with --curve");
            }
            else
            {
                if (parse.GetValue(keepAllCurves)) throw new InvalidInputException("--keep-all-curves applies only with --curve");
                if (parse.GetValue(curveSmoothing) is not null) throw new InvalidInputException("--curve-smoothing applies only with --curve");
            }
            var inputPath = parse.GetValue(input)!.FullName;
            // Given options only: the library fills the others with the surface's or the curve's defaults.
            var request = new ReconstructionRequest
            {
                Input = inputPath,
                Output = parse.GetValue(output)?.FullName ?? ReconstructionRequest.DefaultOutput(inputPath, shape),
                Shape = shape,
                SaveModel = parse.GetValue(saveModel)?.FullName,
                Resume = parse.GetValue(resume)?.FullName,
                Network = Given(network) ? (shape == ReconstructionShape.Curve ? ReconstructCurve.ParseNetwork(parse.GetValue(network)!) : ParseNetwork(parse.GetValue(network)!)) : null,
                Iterations = Given(iterations) ? parse.GetValue(iterations) : null,
                TimeBudget = parse.GetValue(budget),
                BatchSize = Given(batch) ? parse.GetValue(batch) : null,
                Lambda = Given(lambda) ? parse.GetValue(lambda) : null,
                LearningRate = Given(learningRate) ? parse.GetValue(learningRate) : null,
                Resolution = Given(resolution) ? parse.GetValue(resolution) : null,
                Seed = Given(seed) ? parse.GetValue(seed) : null,
                Device = parse.GetValue(device)!,
                Levels = Given(levels) ? LevelSchedule.Parse(parse.GetValue(levels)!) : null,
                DenoiseNeighbours = ParseDenoise(parse.GetValue(denoise)!),
                FreeSpaceWeight = Given(freeSpace) ? parse.GetValue(freeSpace) : null,
                KeepSmallComponents = parse.GetValue(keepSmall),
                KeepUnsupportedComponents = parse.GetValue(keepUnsupported),
            };
            var settings = request.Settings();
            if (parse.GetValue(threads) is { } n)
            {
                if (n < 1) throw new InvalidInputException($"--threads must be at least 1, got {n}");
                torch.set_num_threads(n);
            }
            var (json_, previewPath, plotsDir) = (parse.GetValue(json), parse.GetValue(preview)?.FullName, parse.GetValue(plots)?.FullName);
            return shape == ReconstructionShape.Curve
                ? ReconstructCurve.Run(ctx, request, ReconstructCurve.ExtractionSettings(parse.GetValue(keepAllCurves), parse.GetValue(curveSmoothing), settings.Resolution),
                    json_, previewPath, plotsDir)
                : Run(ctx, request, json_, previewPath, plotsDir, parse.GetValue(normalsOut)?.FullName);
        });
        return command;
    }

    static string NetworkArgument(NetworkSpec spec) =>
        $"{spec.Depth}x{spec.Width}{(spec.Frequencies > 0 ? $",fourier={spec.Frequencies}" : "")}{(spec.Activation == ImplicitActivation.Softplus ? ",softplus" : "")}";

    /// <summary>"auto" → null (decide by the cloud's noise), "off" → 0, or a number of neighbours.</summary>
    static int? ParseDenoise(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => null,
        "off" or "0" => 0,
        var k when int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        _ => throw new InvalidInputException($"--denoise takes auto, off or a number of neighbours, got '{text}'"),
    };

    /// <summary>"DEPTHxWIDTH[,tokens]"; the radius of the initial sphere defaults to the one that suits a unit-box shape.</summary>
    static NetworkSpec ParseNetwork(string text)
    {
        return NetworkSpec.Parse(text, ReconstructionSettings.DefaultNetwork.Radius);
    }


    static int Run(CliContext ctx, ReconstructionRequest request, bool json, string? previewPath, string? plotsDir, string? normalsPath = null)
    {
        var (inputPath, outputPath, modelPath) = (request.Input, request.Output, request.SaveModel);
        // Check what can be checked before minutes of training: the output format and the input.
        CheckMeshOutput(outputPath, inputPath);
        PreviewPicture.Check(previewPath);
        TrainingPlots.Check(plotsDir);
        if (normalsPath != null) OrientedNormals.CheckOutput(normalsPath, "--normals-out", [inputPath], (outputPath, "-o"), (modelPath, "--save-model"));
        using var job = TrainingReport.Open(ctx, request);
        var (cloud, settings) = (job.Cloud, job.Settings);
        var dn = job.PrepareSurface();
        ctx.Log.Information("Noise estimate of the cloud: roughness {Roughness:F3} ({Kind}; noisy from {Threshold}): {What}",
            dn.Noise?.Roughness ?? double.NaN, dn.Noise is { Roughness: >= InputDenoising.NoisyRoughness } ? "noisy" : "clean", InputDenoising.NoisyRoughness,
            dn.Neighbours > 0 ? $"training on the points moved onto the planes of their {dn.Neighbours} nearest neighbours" : "training on the points as given");

        ReconstructionOutcome outcome;
        var history = new TrainingHistory(settings.Lambda);
        using (var stop = new CtrlCStop(ctx))
        using (var bar = new ProgressReporter(ctx, "training"))
        {
            // Kept always (a few numbers a step): --plots draws it, --json reports its first loss.
            var progress = TrainingReport.ProgressOn(bar, "|F|", history);
            try
            {
                outcome = job.RunSurface(progress, stop.Token);
            }
            catch (TrainingFailedException failure)
            {
                bar.Dispose();
                throw TrainingReport.Failed(ctx, failure, inputPath, outputPath, () =>
                {
                    var mesh = job.SurfaceFromCurrentWeights();
                    if (mesh.TriangleCount == 0) throw new InvalidOperationException("empty zero level set");
                    GeometryFiles.Write(outputPath, mesh);
                });
            }
        }
        var t = outcome.Training;
        if (t.Stopped) ctx.Log.Warning("Stopped by Ctrl+C after {Iterations} steps; writing the mesh and model from the current weights", t.Iterations);
        if (outcome.RemovedComponents > 0)
            ctx.Log.Information("Dropped {Count} small component(s) under {Share:P1} of the area (--keep-small-components keeps them)",
                outcome.RemovedComponents, settings.MinComponentArea);
        if (outcome.RemovedUnsupportedComponents > 0)
            ctx.Log.Information("Dropped {Count} component(s) the input does not support: less than {Share:P0} of their area near an input point (--keep-unsupported-components keeps them)",
                outcome.RemovedUnsupportedComponents, settings.MinSupportedShare);
        ctx.Log.Information("Trained {Iterations} steps in {Seconds:F1} s; final loss {Loss:F5}; extracted the mesh at {Resolution} in {Extract:F1} s",
            t.Iterations, t.Elapsed.TotalSeconds, t.Loss, settings.Resolution, outcome.ExtractionTime.TotalSeconds);

        if (modelPath != null)
        {
            job.SaveModel(outcome.Normalization);
            ctx.Log.Information("Saved the model to {Model}", modelPath);
        }
        if (outcome.Mesh.TriangleCount == 0)
            throw new InvalidOperationException("the network's zero level set is empty in the box: no surface to write (try more --iterations)");
        outcome.Mesh.Comments.Add($"nlset reconstruct: {Path.GetFileName(inputPath)}, {t.Iterations} steps, network {settings.Network}, resolution {settings.Resolution}");
        GeometryFiles.Write(outputPath, outcome.Mesh);
        var normals = normalsPath is null ? null : OrientedNormals.Write(normalsPath, job.Network, outcome.Normalization, cloud, comments: [$"nlset reconstruct: {Path.GetFileName(inputPath)}, {t.Iterations} steps"]);
        if (normals != null) NormalsCommand.Log(ctx, normalsPath!, normals);
        job.Finish();
        var topology = MeshTopology.Of(outcome.Mesh);
        ctx.Log.Information("Wrote {Output}: {Vertices} vertices, {Triangles} triangles, {Components} component(s), {Closed}",
            outputPath, outcome.Mesh.VertexCount, outcome.Mesh.TriangleCount, topology.Components,
            topology.Genus is { } genus ? $"closed, genus {genus}" : topology.IsWatertight ? "closed" : "open");
        PreviewPicture.Write(ctx, previewPath, outcome.Mesh, cloud);
        var lossPlot = plotsDir is null ? null
            : TrainingPlots.Write(ctx, plotsDir, history, $"{Path.GetFileName(inputPath)}: Eq. 13 loss terms, network {settings.Network}", curve: false);

        if (json)
        {
            var summary = TrainingReport.Summary(inputPath, outputPath, modelPath, cloud.Length, settings.Network, t,
                outcome.ExtractionTime, outcome.Extraction.FieldEvaluations);
            // The first step's loss: a resumed run's starts near where the saved run ended, a new network's far above.
            summary["firstLoss"] = history.Count > 0 ? history.Loss[0] : null;
            summary["removedComponents"] = outcome.RemovedComponents;
            summary["removedUnsupportedComponents"] = outcome.RemovedUnsupportedComponents;
            summary["noise"] = outcome.Denoising is { } d ? new { roughness = d.Noise?.Roughness, sigma = d.Noise?.Sigma, denoiseNeighbours = d.Neighbours, automatic = d.Automatic } : null;
            summary["mesh"] = new { vertices = outcome.Mesh.VertexCount, triangles = outcome.Mesh.TriangleCount, components = topology.Components, watertight = topology.IsWatertight, genus = topology.Genus };
            summary["preview"] = previewPath;
            summary["lossPlot"] = lossPlot;
            summary["normals"] = normals?.Report(normalsPath!);
            ctx.Out.WriteLine(JsonSerializer.Serialize(summary, CliJson.Options));
        }
        else ctx.Out.WriteLine(outputPath);
        return (int)ExitCode.Success;
    }

    /// <summary>Refuses an output path that could not take a mesh (extension, folder missing or read-only, the input itself), before any work is done.</summary>
    public static void CheckMeshOutput(string outputPath, string? inputPath = null)
    {
        OutputPath.Check(outputPath, "-o", "a mesh", ".ply", ".obj", ".off", ".stl");
        if (inputPath != null) OutputPath.NotAnInput(outputPath, force: null, inputPath);
    }
}

/// <summary>IProgress that reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
