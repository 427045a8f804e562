using System.CommandLine;
using System.Globalization;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Geometry.Randomness;
using Nlset.Geometry.Sampling;

namespace Nlset.Cli.Commands;

/// <summary>`nlset sample MESH -o CLOUD`: a seeded point cloud drawn area-uniformly from a mesh (by length from polylines).</summary>
public static class SampleCommand
{
    public const int DefaultCount = 100_000;

    /// <summary>Everything the handler needs, parsed.</summary>
    public sealed record Request(string Mesh, string Output, int Count, double Noise, bool Normals, long Seed, bool Normalize, bool Force, GeometryReadOptions Reading);

    public static Command Create(CliContext ctx)
    {
        var mesh = new Argument<FileInfo>("MESH") { Description = "A triangle mesh or polylines to sample (PLY, OBJ, OFF, STL)." };
        var output = new Option<FileInfo>("--output", "-o")
        {
            Description = "The point cloud to write; the format follows the extension (.ply binary, .obj, .off, .xyz).",
            Required = true,
            HelpName = "CLOUD",
        };
        var count = new Option<int>("--count", "-n")
        {
            Description = "Number of points.",
            DefaultValueFactory = _ => DefaultCount,
            CustomParser = NumberRange.AtLeast(1, DefaultCount),
            HelpName = "N",
        };
        var noise = new Option<double>("--noise")
        {
            Description = "Standard deviation of isotropic Gaussian noise added to each coordinate, in the output's units "
                + "(the normalised units when --normalize is given).",
            DefaultValueFactory = _ => 0,
            CustomParser = NumberRange.NonNegative(0),
            HelpName = "SIGMA",
        };
        var force = new Option<bool>("--force") { Description = "Write CLOUD even when it is MESH itself (the mesh is then replaced by the points)." };
        var normals = new Option<bool>("--normals") { Description = "Also write each point's normal: the face normal of the triangle it was drawn from." };
        var seed = new Option<long>("--seed") { Description = "Seed of the random draw; the same seed gives the same file.", DefaultValueFactory = _ => 0, HelpName = "S" };
        var normalize = new Option<bool>("--normalize")
        {
            Description = "Before sampling, centre the mesh's bounding box at the origin and scale its largest side to 1 "
                + "(recorded in a header comment; `nlset normalize` writes the mesh in the same units).",
        };

        var command = new Command("sample", "Draw a seeded point cloud uniformly by area from a mesh's triangles (or by length from its polylines).")
        {
            mesh, output, count, noise, normals, seed, normalize, force,
        };
        GeometryInput.AddTo(command);
        command.SetAction(parse =>
        {
            Run(ctx, new Request(parse.GetValue(mesh)!.FullName, parse.GetValue(output)!.FullName, parse.GetValue(count),
                parse.GetValue(noise), parse.GetValue(normals), parse.GetValue(seed), parse.GetValue(normalize), parse.GetValue(force),
                GeometryInput.ReadOptionsOf(parse)));
            return (int)ExitCode.Success;
        });
        return command;
    }

    public static void Run(CliContext ctx, Request s)
    {
        GeometryFiles.FormatForWriting(s.Output);
        // STL is known but holds only triangles: refused here, not after the sampling.
        OutputPath.Check(s.Output, "-o", "a point cloud", ".ply", ".obj", ".off", ".xyz", ".txt", ".pts", ".csv");
        OutputPath.NotAnInput(s.Output, s.Force, s.Mesh);
        var source = GeometryInput.Read(ctx, s.Reading, s.Mesh);
        var comments = new List<string>();
        if (s.Normalize)
        {
            var normalization = Normalization.FitUnitBox(source.Vertices);
            source = normalization.Apply(source);
            comments.Add(NormalizationComment.Of("sample", normalization));
        }

        SurfaceSampler sampler;
        try
        {
            sampler = new SurfaceSampler(source);
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException($"{s.Mesh}: {e.Message}", e);
        }
        if (s.Normals && sampler.SamplesCurves)
            throw new InvalidInputException($"{s.Mesh}: --normals needs triangles, and this file has only polylines, whose points have no normal");

        var samples = sampler.Sample(s.Count, new SeededRandom(s.Seed), s.Noise);
        string noise = s.Noise > 0 ? $"Gaussian noise sigma {s.Noise.ToString("R", CultureInfo.InvariantCulture)}" : "no noise";
        comments.Insert(0, $"nlset sample: {s.Count} points from {Path.GetFileName(s.Mesh)}, uniform by {(sampler.SamplesCurves ? "length" : "area")}, seed {s.Seed}, {noise}");
        var cloud = new Mesh(samples.Points, s.Normals ? samples.Normals : null) { Comments = comments };
        GeometryFiles.Write(s.Output, cloud);
        ctx.Log.Information("Wrote {Count} points{Normals} to {Output}", s.Count, s.Normals ? " with normals" : "", s.Output);
    }
}
