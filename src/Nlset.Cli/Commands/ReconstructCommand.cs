using System.CommandLine;
using System.CommandLine.Parsing;
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
    /// <summary>One `reconstruct` command line as parsed: the request and what the CLI does around it.</summary>
    /// <param name="Threads">--threads (null: torch's default).</param>
    public sealed record Invocation(ReconstructionRequest Request, ReconstructionOutputs Outputs, GeometryReadOptions Reading, int? Threads,
        bool Json, string? PreviewPath, string? PlotsDir);

    /// <summary>reconstruct's options, declared once: the command and every row of `nlset batch` parse with them.</summary>
    sealed class Options
    {
        readonly ReconstructionSettings d = new();
        public readonly Argument<FileInfo> Input = new("INPUT") { Description = "Point cloud (PLY, OBJ, OFF, STL, XYZ; a mesh's vertices are used as points). Normals are not needed." };
        public readonly Option<FileInfo?> Output = new("--output", "-o") { Description = "Mesh to write (.ply, .obj, .off or .stl) [default: INPUT.recon.ply beside the input]", HelpName = "MESH" };
        public readonly Option<string> Levels = new("--levels")
        {
            Description = "Level sets to control: 'continuous' (general-level samples, each on its own level) or a set T such as 0,±0.01,±0.05 (units: the cloud's largest side = 1)",
            DefaultValueFactory = _ => "continuous",
        };
        public readonly Option<int> Iterations;
        public readonly Option<TimeSpan?> Budget = new("--time-budget") { Description = "Train for this long instead of --iterations (e.g. 90s, 4m, 4:30)", CustomParser = Duration.Parse, HelpName = "DURATION" };
        public readonly Option<int> Batch;
        public readonly Option<string> Network;
        public readonly Option<string> Denoise = new("--denoise")
        {
            Description = $"Move each point onto the plane of its nearest neighbours before training: 'auto' (when the cloud's noise estimate says it is noisy; {InputDenoising.Neighbours} neighbours), 'off', or a number of neighbours",
            DefaultValueFactory = _ => "auto",
        };
        public readonly Option<string> MaxPoints = new("--max-points")
        {
            Description = $"Thin a cloud of more points to about this many voxel centroids before training (each the mean of the points in its voxel), or 'all' to keep every point [default: {ReconstructionSettings.DefaultMaxPoints}]",
            HelpName = "N|all",
        };
        public readonly Option<string> ProjectionPrecision = new("--projection-precision")
        {
            Description = "Number type of the Newton projection's products: fp32, or bf16 (3–4× faster products on CPUs with AMX; for large networks such as 8x512, whose step they dominate; the sample network and the loss stay fp32)",
            DefaultValueFactory = _ => "fp32",
            HelpName = "fp32|bf16",
        };
        public readonly Option<double> FreeSpace;
        public readonly Option<double> Lambda;
        public readonly Option<double> LearningRate;
        public readonly Option<int> Resolution;
        // --device, --threads and --seed: the group every torch command declares once (TorchOptions).
        readonly TorchOptions _torch = new(threadsHelp: "CPU threads for torch [default: all cores; 1 is faster on a machine busy with other work]",
            unsetThreads: TorchOptions.UnsetThreads.AllCores, seedHelp: "Seed for initialisation and sampling (a CPU run is repeatable bit for bit)", defaultSeed: new ReconstructionSettings().Seed);
        public Option<int> Seed => _torch.Seed!;
        public Option<string> Device => _torch.Device!;
        public Option<int?> Threads => (Option<int?>)_torch.Threads!;
        public readonly Option<bool> KeepSmall = new("--keep-small-components") { Description = $"Keep mesh components under {SurfaceExtractor.DefaultMinComponentArea:P1} of the total area (dropped by default as blobs)" };
        public readonly Option<bool> KeepUnsupported = new("--keep-unsupported-components")
        {
            Description = $"Keep mesh components of which less than {UnsupportedComponents.DefaultMinSupportedShare:P0} of the area lies within {UnsupportedComponents.DefaultToleranceSpacings} point spacings of the input (dropped by default: pieces the data does not describe)"
        };
        public readonly Option<string> Refine = new("--refine")
        {
            Description = "Move the mesh onto the moving-least-squares surface of the input points after extraction: 'auto' (when the cloud's noise estimate says it is clean: there the points are the surface), 'on' or 'off'",
            DefaultValueFactory = _ => "auto",
        };
        public readonly Option<FileInfo?> SaveModel = new("--save-model") { Description = "Also save the trained network (.nlnet) for `nlset extract` or --resume", HelpName = "MODEL" };
        public readonly Option<FileInfo?> Resume = new("--resume") { Description = "Start from a saved network instead of a new one (its architecture and normalisation are kept)", HelpName = "MODEL" };
        public readonly Option<FileInfo?> NormalsOut = new("--normals-out") { Description = "Also write the input points with oriented normals (the network's unit gradient, outwards), in their order (.ply, .obj, .off, .xyz)", HelpName = "CLOUD" };
        public readonly Option<bool> Json = new("--json") { Description = "Print a JSON summary (time, iterations, final loss terms, output paths) on stdout" };
        public readonly Option<bool> Curve = new("--curve") { Description = CurveOutput.Description };
        public readonly Option<FileInfo?> Preview = PreviewPicture.CreateOption();
        public readonly Option<DirectoryInfo?> Plots = TrainingPlots.CreateOption("the loss terms and learning rate over the training steps (loss.png)");
        public readonly Option<bool> KeepAllCurves = new("--keep-all-curves") { Description = "With --curve: write the network's whole curve as traced (by default only the stretches the data supports and the network's completions of gaps in the data are kept, joined along the data into closed or open curves)" };
        public readonly Option<double?> CurveSmoothing = CurveOutput.CreateSmoothingOption("With --curve: ");

        public Options()
        {
            Iterations = new("--iterations")
            {
                Description = $"Training steps (a cloud the noise estimate calls clean trains {ReconstructionSettings.DefaultIterationsOnCleanData} unless this is given: --refine then carries the detail)",
                DefaultValueFactory = _ => d.Iterations,
            };
            Batch = new("--batch-size") { Description = "Input points per step (as many zero-level and general-level samples are drawn)", DefaultValueFactory = _ => d.BatchSize };
            Network = new("--network")
            {
                Description = "Hidden layers x width, with optional ,fourier=K (K octaves of Fourier features of the input; 0: the paper's plain input) and ,softplus (8x512 is the paper's; slower)",
                DefaultValueFactory = _ => NetworkArgument(d.Network),
            };
            FreeSpace = new("--free-space") { Description = "Weight of the free-space term: F must not be negative where the cloud shows open space (tears webs between close parts; 0: the paper's loss alone)", DefaultValueFactory = _ => d.FreeSpaceWeight };
            Lambda = new("--lambda") { Description = "Weight of mean |F(x)| on the input points (Eq. 13)", DefaultValueFactory = _ => d.Lambda };
            LearningRate = new("--learning-rate") { Description = "Adam's initial learning rate (cosine decay to a tenth)", DefaultValueFactory = _ => d.LearningRate };
            Resolution = new("--resolution") { Description = "Marching-cubes samples along the largest side (sparse narrow band above 64)", DefaultValueFactory = _ => d.Resolution };
        }

        public Command Command()
        {
            var command = new Command("reconstruct", "Reconstruct a surface mesh (or with --curve a curve) from a raw point cloud (no normals needed) by controlling a network's level sets.")
            {
                Input, Output, Levels, Iterations, Budget, Batch, Network, Denoise, MaxPoints, ProjectionPrecision, FreeSpace, Lambda, LearningRate, Resolution, Seed, Device, Threads, KeepSmall, KeepUnsupported, Refine, SaveModel, Resume, NormalsOut, Json, Curve, KeepAllCurves,
                CurveSmoothing, Preview, Plots,
            };
            GeometryInput.AddTo(command);
            return command;
        }

        /// <summary>The invocation of a parsed command line, checked for options that exclude each other.</summary>
        public Invocation Read(ParseResult parse)
        {
            bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
            // A step count and a time budget both say when to stop; taking one silently misleads.
            if (Given(Iterations) && parse.GetValue(Budget) is not null)
                throw new InvalidInputException("--iterations and --time-budget exclude each other: give one");
            var shape = parse.GetValue(Curve) ? ReconstructionShape.Curve : ReconstructionShape.Surface;
            if (shape == ReconstructionShape.Curve)
            {
                if (Given(Levels) && !LevelSchedule.Parse(parse.GetValue(Levels)!).IsZeroOnly)
                    throw new InvalidInputException("--levels does not apply to --curve: a curve network controls only its zero level set (T = {0}, paper §3.3)");
                // A curve has no inside or outside for the free-space sign, its clean-up measures the cloud's own noise, and its
                // pieces are judged against the data by the curve rules (CurveAssembly), not by surface area.
                foreach (var surfaceOnly in new Option[] { FreeSpace, Denoise, MaxPoints, KeepUnsupported, Refine, NormalsOut })
                    if (Given(surfaceOnly)) throw new InvalidInputException($"{surfaceOnly.Name} applies to surfaces, not with --curve");
            }
            else
            {
                if (parse.GetValue(KeepAllCurves)) throw new InvalidInputException("--keep-all-curves applies only with --curve");
                if (parse.GetValue(CurveSmoothing) is not null) throw new InvalidInputException("--curve-smoothing applies only with --curve");
            }
            var inputPath = parse.GetValue(Input)!.FullName;
            // Given options only: the library fills the others with the surface's or the curve's defaults.
            var request = new ReconstructionRequest
            {
                Input = inputPath,
                Output = parse.GetValue(Output)?.FullName ?? ReconstructionRequest.DefaultOutput(inputPath, shape),
                Shape = shape,
                SaveModel = parse.GetValue(SaveModel)?.FullName,
                Resume = parse.GetValue(Resume)?.FullName,
                Network = Given(Network) ? (shape == ReconstructionShape.Curve ? CurveOutput.ParseNetwork(parse.GetValue(Network)!) : ParseNetwork(parse.GetValue(Network)!)) : null,
                Iterations = Given(Iterations) ? parse.GetValue(Iterations) : null,
                TimeBudget = parse.GetValue(Budget),
                BatchSize = Given(Batch) ? parse.GetValue(Batch) : null,
                Lambda = Given(Lambda) ? parse.GetValue(Lambda) : null,
                LearningRate = Given(LearningRate) ? parse.GetValue(LearningRate) : null,
                Resolution = Given(Resolution) ? parse.GetValue(Resolution) : null,
                Seed = Given(Seed) ? parse.GetValue(Seed) : null,
                Device = parse.GetValue(Device)!,
                Levels = Given(Levels) ? LevelSchedule.Parse(parse.GetValue(Levels)!) : null,
                DenoiseNeighbours = ParseDenoise(parse.GetValue(Denoise)!),
                MaxPoints = parse.GetValue(MaxPoints) is { } max ? ParseMaxPoints(max) : null,
                ProjectionPrecision = parse.GetValue(ProjectionPrecision)!.Trim().ToLowerInvariant() switch
                {
                    "fp32" => Reconstruction.ProjectionPrecision.Float32,
                    "bf16" => Reconstruction.ProjectionPrecision.BFloat16,
                    var other => throw new InvalidInputException($"--projection-precision takes fp32 or bf16, got '{other}'"),
                },
                FreeSpaceWeight = Given(FreeSpace) ? parse.GetValue(FreeSpace) : null,
                KeepSmallComponents = parse.GetValue(KeepSmall),
                KeepUnsupportedComponents = parse.GetValue(KeepUnsupported),
                Refinement = ParseRefine(parse.GetValue(Refine)!),
            };
            var settings = request.Settings();
            if (parse.GetValue(Threads) is { } n && n < 1) throw new InvalidInputException($"--threads must be at least 1, got {n}");
            var outputs = new ReconstructionOutputs
            {
                NormalsOut = parse.GetValue(NormalsOut)?.FullName,
                CurveExtraction = shape == ReconstructionShape.Curve
                    ? CurveOutput.ExtractionSettings(parse.GetValue(KeepAllCurves), parse.GetValue(CurveSmoothing), settings.Resolution)
                    : null,
            };
            var reading = GeometryInput.ReadOptionsOf(parse);
            return new Invocation(request, outputs, reading, parse.GetValue(Threads), parse.GetValue(Json), parse.GetValue(Preview)?.FullName, parse.GetValue(Plots)?.FullName);
        }
    }

    public static Command Create(CliContext ctx)
    {
        var options = new Options();
        var command = options.Command();
        command.SetAction(parse => Run(ctx, options.Read(parse)));
        return command;
    }

    /// <summary>
    /// The rows of `nlset batch`: each row's arguments (INPUT and options, as typed after `nlset reconstruct`) parsed by
    /// reconstruct's own options, so a row means what the same `nlset reconstruct` command line means.
    /// </summary>
    public sealed class ArgumentParser
    {
        readonly Options _options = new();
        readonly Command _command;

        public ArgumentParser() => _command = _options.Command();

        /// <exception cref="InvalidInputException">An unknown option, a bad value, or options that exclude each other.</exception>
        public Invocation Parse(IReadOnlyList<string> arguments) => _options.Read(Checked(arguments));

        /// <summary>
        /// A row's arguments with options for every row (`batch MANIFEST -- OPTIONS`) added, except those the row gives
        /// itself: the row's own win.
        /// </summary>
        public Invocation Parse(IReadOnlyList<string> arguments, IReadOnlyList<string> common)
        {
            if (common.Count == 0) return Parse(arguments);
            var row = Checked(arguments);
            var given = row.CommandResult.Children.OfType<OptionResult>().Where(o => !o.Implicit).Select(o => o.Option).ToHashSet();
            var merged = arguments.ToList();
            foreach (var option in Checked([arguments[0], .. common]).CommandResult.Children.OfType<OptionResult>())
            {
                if (option.Implicit || given.Contains(option.Option) || option.IdentifierToken is not { } name) continue;
                merged.Add(name.Value);
                merged.AddRange(option.Tokens.Select(t => t.Value));
            }
            return _options.Read(Checked(merged));
        }

        /// <summary>Refuses options for every row that no row could take (an unknown option, a stray argument), once, before the rows.</summary>
        public void CheckCommon(IReadOnlyList<string> common)
        {
            var parse = _command.Parse(["INPUT", .. common]);
            if (parse.Errors.Count > 0) throw new InvalidInputException($"the options for every row ({string.Join(' ', common)}): {UsageErrors.Describe(parse)}");
        }

        ParseResult Checked(IReadOnlyList<string> arguments)
        {
            var parse = _command.Parse(arguments.ToArray());
            if (parse.Errors.Count > 0) throw new InvalidInputException(UsageErrors.Describe(parse));
            return parse;
        }
    }

    /// <summary>
    /// Everything that can be refused before minutes of training: the output formats and folders, the picture and
    /// plots, the normals, the model (a batch checks every row this way before the first starts).
    /// </summary>
    public static void Check(Invocation invocation)
    {
        var (request, outputs) = (invocation.Request, invocation.Outputs);
        if (request.Shape == ReconstructionShape.Curve) CurveOutput.CheckCurveOutput(request.Output, request.Input);
        else CheckMeshOutput(request.Output, request.Input);
        PreviewPicture.Check(invocation.PreviewPath);
        TrainingPlots.Check(invocation.PlotsDir);
        if (outputs.NormalsOut is { } normalsPath)
            OrientedNormals.CheckOutput(normalsPath, "--normals-out", [request.Input], (request.Output, "-o"), (request.SaveModel, "--save-model"));
        if (request.SaveModel is { } modelPath) OutputPath.Check(modelPath, "--save-model", "a model", ".nlnet");
    }

    static string NetworkArgument(NetworkSpec spec) =>
        $"{spec.Depth}x{spec.Width}{(spec.Frequencies > 0 ? $",fourier={spec.Frequencies}" : "")}{(spec.Activation == ImplicitActivation.Softplus ? ",softplus" : "")}";

    /// <summary>auto, on or off (<see cref="MeshRefinement"/>).</summary>
    public static MeshRefinement ParseRefine(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => MeshRefinement.Auto,
        "on" => MeshRefinement.On,
        "off" => MeshRefinement.Off,
        _ => throw new InvalidInputException($"--refine takes auto, on or off, got '{text}'"),
    };

    /// <summary>"all" → 0 (keep every point), or a number of points.</summary>
    static int ParseMaxPoints(string text) => text.Trim().ToLowerInvariant() switch
    {
        "all" => 0,
        var k when int.TryParse(k.Replace("_", "").Replace(",", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => n,
        _ => throw new InvalidInputException($"--max-points takes all or a number of points, got '{text}'"),
    };

    /// <summary>"auto" → null (decide by the cloud's noise), "off" → 0, or a number of neighbours.</summary>
    static int? ParseDenoise(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => null,
        "off" or "0" => 0,
        var k when int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        _ => throw new InvalidInputException($"--denoise takes auto, off or a number of neighbours, got '{text}'"),
    };

    /// <summary>"DEPTHxWIDTH[,tokens]"; the radius of the initial sphere defaults to the one that suits a unit-box shape.</summary>
    static NetworkSpec ParseNetwork(string text) => NetworkSpec.Parse(text, ReconstructionSettings.DefaultNetwork.Radius);

    /// <summary>Runs one reconstruction as `nlset reconstruct` does: checks, the library's run with the log and progress bar, the picture, plots and summary.</summary>
    /// <param name="stop">Stops the training as Ctrl+C does (a batch's SIGTERM); a batch row passes it instead of taking Ctrl+C itself.</param>
    /// <returns>The run's result, for the caller's own report (a batch row's result file).</returns>
    public static ReconstructionResult Execute(CliContext ctx, Invocation invocation, CancellationToken? stop = null)
    {
        Check(invocation);
        var request = invocation.Request;
        if (invocation.Threads is { } n) torch.set_num_threads(n);
        ctx.Reading = invocation.Reading;
        using var log = new ReconstructionLog(ctx, ctrlCStops: stop is null, keepHistory: request.Shape == ReconstructionShape.Surface || invocation.PlotsDir != null);
        // Declared after the log, so released before it: a late signal never reaches a disposed log.
        using var stopping = stop?.Register(log.Cancel);
        ReconstructionResult result;
        try
        {
            result = ReconstructionRunner.Run(request, path => GeometryInput.Read(ctx, path), invocation.Outputs, log, log.Stop);
        }
        catch (ReconstructionFailedException failure)
        {
            throw TrainingReport.Failed(ctx, failure);
        }
        var (inputPath, written) = (request.Input, result.Written);
        PreviewPicture.Write(ctx, invocation.PreviewPath, written, log.Cloud);
        var curve = request.Shape == ReconstructionShape.Curve;
        var lossPlot = invocation.PlotsDir is not { } plotsDir ? null
            : TrainingPlots.Write(ctx, plotsDir, log.History!, curve
                ? $"{Path.GetFileName(inputPath)}: Eq. 13 loss terms (curve), network {result.Settings.Network}"
                : $"{Path.GetFileName(inputPath)}: Eq. 13 loss terms, network {result.Settings.Network}", curve);
        if (invocation.Json) ctx.Out.WriteLine(JsonSerializer.Serialize(Summary(result, log.History, invocation.PreviewPath, lossPlot), CliJson.Options));
        return result;
    }

    static int Run(CliContext ctx, Invocation invocation)
    {
        Execute(ctx, invocation);
        if (!invocation.Json) ctx.Out.WriteLine(invocation.Request.Output);
        return (int)ExitCode.Success;
    }

    /// <summary>The --json summary of a run.</summary>
    public static Dictionary<string, object?> Summary(ReconstructionResult result, TrainingHistory? history, string? previewPath, string? lossPlot)
    {
        var request = result.Request;
        var summary = TrainingReport.Summary(request.Input, request.Output, request.SaveModel, result.Points, result.Settings.Network, result.Training,
            result.ExtractionTime, result.FieldEvaluations);
        if (result.Curve is { } c)
        {
            summary["curve"] = CurveOutput.Summary(c.Curve, c.Extraction, c.Normalization.Scale);
        }
        else
        {
            var (outcome, topology) = (result.Surface!, result.Topology!);
            // The first step's loss: a resumed run's starts near where the saved run ended, a new network's far above.
            summary["firstLoss"] = history is { Count: > 0 } ? history.Loss[0] : null;
            summary["removedComponents"] = outcome.RemovedComponents;
            summary["removedUnsupportedComponents"] = outcome.RemovedUnsupportedComponents;
            summary["refinement"] = outcome.Refinement is { Applied: true } r
                ? new { applied = true, moved = r.Moved, vertices = r.Vertices, meanStep = r.MeanStep / outcome.Normalization.Scale, seconds = r.Elapsed.TotalSeconds }
                : new { applied = false, moved = 0, vertices = outcome.Mesh.VertexCount, meanStep = 0.0, seconds = 0.0 };
            summary["noise"] = outcome.Denoising is { } d ? new { roughness = d.Noise?.Roughness, sigma = d.Noise?.Sigma, denoiseNeighbours = d.Neighbours, automatic = d.Automatic } : null;
            summary["thinning"] = outcome.Denoising?.Thinning is { } th
                ? new { inputPoints = th.InputPoints, points = th.Points, method = th.Method, voxelSide = th.VoxelSide / outcome.Normalization.Scale }
                : null;
            summary["mesh"] = new { vertices = outcome.Mesh.VertexCount, triangles = outcome.Mesh.TriangleCount, components = topology.Components, watertight = topology.IsWatertight, genus = topology.Genus };
        }
        var phases = result.Phases.Seconds.ToDictionary(p => p.Key, p => (object)p.Value);
        phases["total"] = result.Phases.TotalSeconds;
        summary["secondsByPhase"] = phases;
        summary["peakResidentMegabytes"] = result.PeakResidentBytes / 1048576.0;
        summary["preview"] = previewPath;
        summary["lossPlot"] = lossPlot;
        if (result.Curve is null) summary["normals"] = result.Normals?.Report(result.NormalsPath!);
        return summary;
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
