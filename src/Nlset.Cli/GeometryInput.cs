using System.CommandLine;
using Nlset.Geometry;
using Nlset.Geometry.IO;

namespace Nlset.Cli;

/// <summary>
/// How the commands that read geometry files read them: the two reading options, declared once and added to each
/// such command, and the reader's warnings (normals dropped, points left out, columns guessed) sent to the log.
/// </summary>
public static class GeometryInput
{
    public static readonly Option<bool> SkipInvalidPoints = new("--skip-invalid-points")
    {
        Description = "Leave out points with a NaN or infinite coordinate (and the triangles using them), with one warning, instead of refusing the file",
    };

    public static readonly Option<string?> Columns = new("--columns")
    {
        Description = "What the columns of a text point file without a header row hold, e.g. x,y,z,r,g,b or x,y,z,i "
            + "(x y z, nx ny nz, r g b; i, intensity, _ or skip for a column to ignore) [default: the header row's names, else a guess, with a warning]",
        HelpName = "NAMES",
    };

    public static void AddTo(Command command)
    {
        command.Options.Add(SkipInvalidPoints);
        command.Options.Add(Columns);
    }

    /// <summary>The reading options of this command line (messages name the CLI's flags, <see cref="SettingFlags"/>).</summary>
    public static GeometryReadOptions ReadOptionsOf(ParseResult parse) =>
        new() { SkipInvalidPoints = parse.GetValue(SkipInvalidPoints), Columns = parse.GetValue(Columns), SettingName = SettingFlags.Of };

    /// <summary>Takes the reading options of this command line into <paramref name="ctx"/> (for <see cref="Read(CliContext, string)"/>).</summary>
    public static void Configure(CliContext ctx, ParseResult parse) => ctx.Reading = ReadOptionsOf(parse);

    public static Mesh Read(CliContext ctx, string path) => Read(ctx, ctx.Reading, path);

    public static Mesh Read(CliContext ctx, GeometryReadOptions reading, string path) =>
        GeometryFiles.Read(path, reading with { Warning = message => ctx.Log.Warning("{Warning}", message) });
}
