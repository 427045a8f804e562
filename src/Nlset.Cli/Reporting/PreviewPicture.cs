using System.CommandLine;
using Nlset.Geometry;
using Nlset.Rendering;
using Nlset.Rendering.Scene;

namespace Nlset.Cli.Reporting;

/// <summary>
/// `--preview PNG` of reconstruct and extract: after the mesh or curve is written, a picture of it — three views
/// (front, side, high three-quarter) of 512 × 512, with the input cloud over it when there is one.
/// </summary>
public static class PreviewPicture
{
    public static Option<FileInfo?> CreateOption() => new("--preview")
    {
        Description = "Also render the result to this PNG (3 views; reconstruct draws the input cloud over it)",
        HelpName = "PNG",
    };

    public static readonly RenderSettings Settings = new() { Width = 512, Height = 512, Views = ViewAngle.Standard(3) };

    /// <summary>Checks the path before any work is done.</summary>
    public static void Check(string? path)
    {
        if (path != null) PngFile.CheckOutputPath(path, "--preview");
    }

    public static void Write(CliContext ctx, string? path, Mesh result, IReadOnlyList<Vector3d>? cloud)
    {
        if (path is null) return;
        var layers = new List<SceneLayer> { SceneLayer.Of(result) };
        if (cloud is { Count: > 0 }) layers.Add(SceneLayer.OverlayOf(Mesh.PointCloud(cloud.ToArray())));
        PngFile.Write(path, SceneRenderer.Render(layers, Settings));
        ctx.Log.Information("Wrote the preview {Preview}", path);
    }
}
