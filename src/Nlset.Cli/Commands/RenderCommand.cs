using System.CommandLine;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Rendering;
using Nlset.Rendering.Scene;

namespace Nlset.Cli.Commands;

/// <summary>`nlset render INPUT -o picture.png`: a shaded picture of a mesh, a curve or a point cloud, optionally with a cloud over it.</summary>
public static class RenderCommand
{
    /// <summary>Everything the handler needs, parsed and checked.</summary>
    /// <param name="Cloud">A point cloud to draw over the shape, or null.</param>
    public sealed record Request(string Input, string Output, RenderSettings Settings, string? Cloud, GeometryReadOptions Reading);

    public static Command Create(CliContext ctx)
    {
        var input = new Argument<FileInfo>("INPUT") { Description = "Mesh, curve (polylines) or point cloud (PLY, OBJ, OFF, STL, XYZ): triangles are shaded, polylines drawn as tubes, bare points as splats." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Picture to write (.png) [default: INPUT with .png beside it]", HelpName = "PNG" };
        var views = new Option<int>("--views") { Description = "1 (three-quarter view), 3 (front, side, high three-quarter) or 4 (all round), side by side", DefaultValueFactory = _ => 1, HelpName = "1|3|4" };
        var camera = new Option<string?>("--camera") { Description = "One view from AZIMUTH,ELEVATION in degrees instead of --views (0,0 looks at the front)", HelpName = "AZ,EL" };
        var size = new Option<string>("--size") { Description = "Pixels of each view, WIDTHxHEIGHT", DefaultValueFactory = _ => "1024x1024", HelpName = "WxH" };
        var shading = new Option<string>("--shading") { Description = "smooth (interpolated normals) or flat (one normal per triangle)", DefaultValueFactory = _ => "smooth", HelpName = "smooth|flat" };
        var cloud = new Option<FileInfo?>("--cloud") { Description = "Also draw this point cloud (e.g. a reconstruction's input) over the shape, in red", HelpName = "CLOUD" };
        var up = new Option<string>("--up") { Description = "Which axis points up: y or z", DefaultValueFactory = _ => "y", HelpName = "y|z" };
        var command = new Command("render", "Render a mesh, curve or point cloud to a PNG (CPU z-buffer, 2x2 supersampled, fixed lights, orthographic views framed on the shape).")
        {
            input, output, views, camera, size, shading, cloud, up,
        };
        GeometryInput.AddTo(command);
        command.SetAction(parse =>
        {
            var reading = GeometryInput.ReadOptionsOf(parse);
            var inputPath = parse.GetValue(input)!.FullName;
            var outputPath = parse.GetValue(output)?.FullName ?? Path.ChangeExtension(inputPath, ".png");
            if (parse.GetValue(camera) is not null && parse.Given(views))
                throw new InvalidInputException("--camera and --views exclude each other: give one");
            var settings = Settings(parse.GetValue(size)!, parse.GetValue(views), parse.GetValue(camera), parse.GetValue(shading)!, parse.GetValue(up)!);
            return Run(ctx, new Request(inputPath, outputPath, settings, parse.GetValue(cloud)?.FullName, reading));
        });
        return command;
    }

    public static int Run(CliContext ctx, Request request)
    {
        var (outputPath, settings) = (request.Output, request.Settings);
        PngFile.CheckOutputPath(outputPath);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Every reader refuses a file without vertices, so what is read has something to draw.
        var layers = new List<SceneLayer> { SceneLayer.Of(GeometryInput.Read(ctx, request.Reading, request.Input)) };
        if (request.Cloud is { } cloudPath) layers.Add(SceneLayer.OverlayOf(Mesh.PointCloud(GeometryInput.Read(ctx, request.Reading, cloudPath).Vertices)));
        var image = SceneRenderer.Render(layers, settings);
        PngFile.Write(outputPath, image);
        ctx.Log.Information("Wrote {Output}: {Width}x{Height}, {Views} view(s) of {What} in {Seconds:F2} s",
            outputPath, image.Width, image.Height, settings.Views.Count, Describe(layers[0]), clock.Elapsed.TotalSeconds);
        ctx.Out.WriteLine(outputPath);
        return (int)ExitCode.Success;
    }

    public static RenderSettings Settings(string size, int views, string? camera, string shading, string up)
    {
        var (width, height) = RenderSettings.ParseSize(size);
        return new RenderSettings
        {
            Width = width,
            Height = height,
            Views = camera is null ? ViewAngle.Standard(views) : [ViewAngle.Parse(camera)],
            Shading = Shadings.Parse(shading),
            Up = UpAxes.Parse(up),
        }.Validated();
    }

    static string Describe(SceneLayer layer) => layer.Material switch
    {
        Material.Surface => $"{layer.Geometry.TriangleCount} triangles",
        Material.Curve => $"{layer.Geometry.Polylines.Count} polyline(s)",
        _ => $"{layer.Geometry.VertexCount} points",
    };
}
