using System.CommandLine;
using System.Text.Json;
using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Reconstruction;

namespace Nlset.Cli.Commands;

/// <summary>`nlset normals MODEL CLOUD -o OUT`: the cloud with unit outward normals from a saved surface network.</summary>
public static class NormalsCommand
{
    /// <summary>Everything the handler needs, parsed.</summary>
    public sealed record Request(string Model, string Cloud, string Output, TorchChoice Torch, bool Json, GeometryReadOptions Reading);

    public static Command Create(CliContext ctx)
    {
        var model = new Argument<FileInfo>("MODEL") { Description = "A surface network saved by `nlset reconstruct --save-model` (.nlnet)." };
        var cloud = new Argument<FileInfo>("CLOUD") { Description = "Points in the coordinates of the cloud the model was trained on (PLY, OBJ, OFF, STL, XYZ; a mesh's vertices are used)." };
        var output = new Option<FileInfo?>("--output", "-o")
        {
            Description = "The points with their normals, in CLOUD's order (.ply, .obj, .off, .xyz/.txt/.pts/.csv) [default: CLOUD.oriented.ply beside CLOUD]",
            HelpName = "OUT",
        };
        var torchOptions = new TorchOptions(threadsHelp: "CPU threads for torch [default: all cores]", unsetThreads: TorchOptions.UnsetThreads.AllCores);
        var json = new Option<bool>("--json") { Description = "Print a JSON summary on stdout (points, how many took a neighbour's normal, time)" };
        var command = new Command("normals",
            "Give every point of a cloud its oriented normal, the unit gradient of a trained surface network (pointing outwards), "
            + "for screened Poisson, MeshLab and other tools that need oriented normals.")
        {
            model, cloud, output, torchOptions.Device!, torchOptions.Threads!, json,
        };
        GeometryInput.AddTo(command);
        command.SetAction(parse =>
        {
            var cloudPath = parse.GetValue(cloud)!.FullName;
            return Run(ctx, new Request(parse.GetValue(model)!.FullName, cloudPath, parse.GetValue(output)?.FullName ?? DefaultOutput(cloudPath),
                torchOptions.Read(parse), parse.GetValue(json), GeometryInput.ReadOptionsOf(parse)));
        });
        return command;
    }

    /// <summary>scan.ply → scan.oriented.ply beside it.</summary>
    public static string DefaultOutput(string cloud) =>
        Path.Combine(Path.GetDirectoryName(cloud) ?? ".", Path.GetFileNameWithoutExtension(cloud) + ".oriented.ply");

    public static int Run(CliContext ctx, Request s)
    {
        // Everything that can be wrong is found before the network is evaluated.
        OrientedNormals.CheckOutput(s.Output, "-o", [s.Cloud, s.Model]);
        s.Torch.ApplyThreads();
        var loaded = ReconstructionModel.Load(s.Model, s.Torch.ResolveDevice());
        using var network = loaded.Network;
        if (network.Spec.Outputs != 1 || network.Spec.InputDim != 3)
            throw new InvalidInputException(network.Spec.Outputs == 2
                ? $"{s.Model}: a curve model (two outputs): a curve has no outward normal; give a surface model"
                : $"{s.Model}: a {network.Spec.Outputs}-output network with {network.Spec.InputDim} inputs is not a surface network");
        var source = GeometryInput.Read(ctx, s.Reading, s.Cloud);
        var points = SurfaceReconstruction.CloudOf(source, s.Cloud);

        network.eval();
        var comments = new List<string>(source.Comments)
        {
            $"nlset normals: {Path.GetFileName(s.Cloud)} with the normals of {Path.GetFileName(s.Model)}",
        };
        var result = OrientedNormals.Write(s.Output, network, loaded.Normalization, points, source.Colors, comments);
        if (result.OutsideBox > 0)
            ctx.Log.Warning("{Count} of {Points} points lie outside the box the network was trained in: is {Cloud} in the coordinates of {Source}? Their normals are the network's extrapolation",
                result.OutsideBox, result.Count, s.Cloud, loaded.Source ?? "the cloud the model was trained on");
        Log(ctx, s.Output, result);
        if (s.Json) ctx.Out.WriteLine(JsonSerializer.Serialize(new { model = s.Model, cloud = s.Cloud, normals = result.Report(s.Output) }, CliJson.Options));
        else ctx.Out.WriteLine(s.Output);
        return (int)ExitCode.Success;
    }

    /// <summary>The log line both `normals` and `reconstruct --normals-out` write.</summary>
    public static void Log(CliContext ctx, string output, OrientedNormalsResult result) =>
        ctx.Log.Information("Wrote {Output}: {Points} points with outward normals in {Seconds:F1} s; {Filled} ({Share:P2}) had too small a gradient and took their nearest neighbour's",
            output, result.Count, result.Elapsed.TotalSeconds, result.Filled, result.FilledShare);
}
