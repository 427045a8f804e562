using System.Diagnostics;
using System.Globalization;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Rendering;
using Nlset.Rendering.Raster;
using Nlset.Rendering.Scene;
using SkiaSharp;

namespace Nlset.Benchmarks;

/// <summary>
/// The renderer decision of issue 8: our z-buffer rasteriser (<see cref="SceneRenderer"/>, per-sample normals, 2 × 2
/// supersampling) against SkiaSharp drawing the same triangles (no depth buffer: sorted back to front, the painter's
/// algorithm, colours lit per vertex and interpolated, drawn at 2× and scaled down), on a ~100k-triangle mesh.
/// Time excludes PNG encoding (the same for both). --out DIR writes both pictures for a look.
/// </summary>
public sealed class RenderBenchmark : IBenchmark
{
    public string Name => "render";
    public string Description => "z-buffer rasteriser vs SkiaSharp painter's algorithm on ~100k triangles (args: --mesh PATH --size N --repeat K --out DIR)";

    public int Run(string[] args)
    {
        string meshPath = "../shared/data/meshes/knot1.off";
        int size = 1024, repeat = 5;
        string? outDir = null;
        for (int a = 0; a < args.Length; a++)
        {
            switch (args[a])
            {
                case "--mesh": meshPath = args[++a]; break;
                case "--size": size = int.Parse(args[++a], CultureInfo.InvariantCulture); break;
                case "--repeat": repeat = int.Parse(args[++a], CultureInfo.InvariantCulture); break;
                case "--out": outDir = args[++a]; break;
                default: Console.Error.WriteLine($"unknown argument {args[a]}"); return 2;
            }
        }
        var mesh = GeometryFiles.Read(meshPath);
        while (mesh.TriangleCount < 100_000) mesh = Subdivide(mesh);
        Console.WriteLine($"{Path.GetFileName(meshPath)} subdivided to {mesh.TriangleCount} triangles, {mesh.VertexCount} vertices; {size}x{size}, 2x2 supersampling; best of {repeat}; {Environment.ProcessorCount} cores");

        var settings = new RenderSettings { Width = size, Height = size };
        RenderedImage? ours = null;
        double oursMs = Best(repeat, () => ours = SceneRenderer.Render([SceneLayer.Of(mesh)], settings));
        SKBitmap? skia = null;
        double skiaMs = Best(repeat, () => { skia?.Dispose(); skia = PainterSkia(mesh, settings); });
        Console.WriteLine($"  z-buffer rasteriser (ours)            {oursMs,8:F1} ms");
        Console.WriteLine($"  SkiaSharp DrawVertices, painter's     {skiaMs,8:F1} ms");
        if (outDir != null)
        {
            Directory.CreateDirectory(outDir);
            PngFile.Write(Path.Combine(outDir, "render-ours.png"), ours!);
            using var data = skia!.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(outDir, "render-skia.png"), data.ToArray());
            Console.WriteLine($"  wrote {outDir}/render-ours.png and render-skia.png");
        }
        skia?.Dispose();
        return 0;
    }

    /// <summary>Each triangle into four by its edge midpoints (shape unchanged, 4× the triangles).</summary>
    static Mesh Subdivide(Mesh mesh)
    {
        var vertices = mesh.Vertices.ToList();
        var midpoints = new Dictionary<(int, int), int>();
        int Mid(int a, int b)
        {
            var key = a < b ? (a, b) : (b, a);
            if (!midpoints.TryGetValue(key, out var m))
            {
                m = vertices.Count;
                vertices.Add(0.5 * (mesh.Vertices[a] + mesh.Vertices[b]));
                midpoints[key] = m;
            }
            return m;
        }
        var triangles = new List<int>(mesh.Triangles.Length * 4);
        for (int t = 0; t < mesh.TriangleCount; t++)
        {
            var (a, b, c) = mesh.Triangle(t);
            int ab = Mid(a, b), bc = Mid(b, c), ca = Mid(c, a);
            triangles.AddRange([a, ab, ca, ab, b, bc, ca, bc, c, ab, bc, ca]);
        }
        return new Mesh(vertices.ToArray(), triangles: triangles.ToArray());
    }

    /// <summary>The SkiaSharp alternative: same camera and light rig, triangles sorted far to near, Gouraud colours, 2× then scaled down.</summary>
    static SKBitmap PainterSkia(Mesh mesh, RenderSettings settings)
    {
        int ss = 2, w = settings.Width * ss, h = settings.Height * ss;
        var camera = OrthographicCamera.Framing(mesh.Vertices, settings.Views, settings.Up, w, h)[0];
        var normals = VertexNormals.OfVertices(mesh);
        var positions = new SKPoint[mesh.VertexCount];
        var depth = new float[mesh.VertexCount];
        var colours = new SKColor[mesh.VertexCount];
        for (int i = 0; i < mesh.VertexCount; i++)
        {
            var (x, y, z) = camera.Project(mesh.Vertices[i]);
            positions[i] = new SKPoint((float)x, (float)y);
            depth[i] = (float)z;
            var n = camera.ToView(normals[i]);
            var (r, g, b) = LightRig.Shade(Material.Surface, (float)n.X, (float)n.Y, (float)n.Z);
            colours[i] = new SKColor((byte)(255 * r), (byte)(255 * g), (byte)(255 * b));
        }
        var order = Enumerable.Range(0, mesh.TriangleCount).ToArray();
        var keys = order.Select(t => depth[mesh.Triangles[3 * t]] + depth[mesh.Triangles[3 * t + 1]] + depth[mesh.Triangles[3 * t + 2]]).ToArray();
        Array.Sort(keys, order);
        var triPositions = new SKPoint[3 * order.Length];
        var triColours = new SKColor[3 * order.Length];
        for (int k = 0; k < order.Length; k++)
            for (int c = 0; c < 3; c++)
            {
                int v = mesh.Triangles[3 * order[k] + c];
                triPositions[3 * k + c] = positions[v];
                triColours[3 * k + c] = colours[v];
            }
        using var surface = SKSurface.Create(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(new SKColor(235, 235, 235));
        // White paint: the vertex colours are modulated by it (the default black paint would draw everything black).
        using (var paint = new SKPaint { Color = SKColors.White })
            surface.Canvas.DrawVertices(SKVertexMode.Triangles, triPositions, null, triColours, SKBlendMode.Modulate, null, paint);
        using var image = surface.Snapshot();
        var result = new SKBitmap(settings.Width, settings.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var big = SKBitmap.FromImage(image);
        big.ScalePixels(result, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        return result;
    }

    static double Best(int repeat, Action action)
    {
        double best = double.MaxValue;
        for (int i = 0; i < repeat; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }
        return best;
    }
}
