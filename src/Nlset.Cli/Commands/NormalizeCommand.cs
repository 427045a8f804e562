using System.CommandLine;
using Nlset.Geometry;
using Nlset.Geometry.IO;

namespace Nlset.Cli.Commands;

/// <summary>`nlset normalize MESH -o OUT`: the mesh in the units `nlset sample --normalize` samples it in, to score against.</summary>
public static class NormalizeCommand
{
    public sealed record Settings(string Input, string Output);

    public static Command Create(CliContext ctx)
    {
        var input = new Argument<FileInfo>("MESH") { Description = "A mesh, polylines or point cloud (PLY, OBJ, OFF, XYZ)." };
        var output = new Option<FileInfo>("--output", "-o")
        {
            Description = "The normalised file to write; the format follows the extension.",
            Required = true,
            HelpName = "OUT",
        };
        var command = new Command("normalize",
            "Centre the bounding box at the origin and scale the largest side to 1 — the transform of `nlset sample --normalize` — "
            + "and write the result with the transform in a header comment.")
        {
            input, output,
        };
        command.SetAction(parse =>
        {
            Run(ctx, new Settings(parse.GetValue(input)!.FullName, parse.GetValue(output)!.FullName));
            return (int)ExitCode.Success;
        });
        return command;
    }

    public static void Run(CliContext ctx, Settings s)
    {
        GeometryFiles.FormatForWriting(s.Output);
        var source = GeometryFiles.Read(s.Input);
        Normalization normalization;
        try
        {
            normalization = Normalization.FitUnitBox(source.Vertices);
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException($"{s.Input}: {e.Message}", e);
        }
        var normalised = normalization.Apply(source);
        normalised.Comments.Add($"nlset normalize: from {Path.GetFileName(s.Input)}");
        normalised.Comments.Add(NormalizationComment.Of("normalize", normalization));
        GeometryFiles.Write(s.Output, normalised);
        ctx.Log.Information("Wrote {Output}: centre {Center} moved to the origin, scaled by {Scale}", s.Output, normalization.Center, normalization.Scale);
    }
}
