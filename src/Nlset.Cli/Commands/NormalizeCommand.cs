using System.CommandLine;
using Nlset.Geometry;
using Nlset.Geometry.IO;

namespace Nlset.Cli.Commands;

/// <summary>`nlset normalize MESH -o OUT`: the mesh in the units `nlset sample --normalize` samples it in, to score against.</summary>
public static class NormalizeCommand
{
    /// <summary>Everything the handler needs, parsed.</summary>
    public sealed record Request(string Input, string Output, bool Force, GeometryReadOptions Reading);

    public static Command Create(CliContext ctx)
    {
        var input = new Argument<FileInfo>("MESH") { Description = "A mesh, polylines or point cloud (PLY, OBJ, OFF, STL, XYZ)." };
        var output = new Option<FileInfo>("--output", "-o")
        {
            Description = "The normalised file to write; the format follows the extension.",
            Required = true,
            HelpName = "OUT",
        };
        var force = new Option<bool>("--force") { Description = "Write OUT even when it is MESH itself (replacing the original)." };
        var command = new Command("normalize",
            "Centre the bounding box at the origin and scale the largest side to 1 — the transform of `nlset sample --normalize` — "
            + "and write the result with the transform in a header comment.")
        {
            input, output, force,
        };
        GeometryInput.AddTo(command);
        command.SetAction(parse =>
        {
            Run(ctx, new Request(parse.GetValue(input)!.FullName, parse.GetValue(output)!.FullName, parse.GetValue(force), GeometryInput.ReadOptionsOf(parse)));
            return (int)ExitCode.Success;
        });
        return command;
    }

    /// <summary>Reads, normalises and writes; normals, colours and comments are carried over where the output format holds them.</summary>
    public static void Run(CliContext ctx, Request s)
    {
        var format = GeometryFiles.FormatForWriting(s.Output);
        OutputPath.Check(s.Output, "-o");
        OutputPath.NotAnInput(s.Output, s.Force, s.Input);
        var source = GeometryInput.Read(ctx, s.Reading, s.Input);
        if (source.HasColors && !GeometryFiles.KeepsColors(format))
            ctx.Log.Warning("{Input} has per-vertex colours; {Format} cannot hold them, so {Output} is written without them (write .ply or .xyz to keep them)",
                s.Input, format.ToString().ToUpperInvariant(), s.Output);
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
