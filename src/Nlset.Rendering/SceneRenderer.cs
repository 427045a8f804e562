using Nlset.Geometry;
using Nlset.Rendering.Raster;
using Nlset.Rendering.Scene;

namespace Nlset.Rendering;

/// <summary>
/// Renders layers of geometry (meshes, curves, clouds) into one picture: a row of views, each framed on
/// everything drawn, rasterised into a supersampled G-buffer (<see cref="FrameBuffer"/>), shaded once per
/// visible sample by the fixed <see cref="LightRig"/> and averaged down to the output pixels. CPU only, no native code.
/// </summary>
public static class SceneRenderer
{
    public static RenderedImage Render(IReadOnlyList<SceneLayer> layers, RenderSettings settings)
    {
        settings = settings.Validated();
        var drawn = layers.Where(l => l.Geometry.VertexCount > 0).ToArray();
        if (drawn.Length == 0) throw new InvalidInputException("nothing to draw: the geometry has no vertices");
        foreach (var layer in drawn)
            for (int i = 0; i < layer.Geometry.VertexCount; i++)
                if (!layer.Geometry.Vertices[i].IsFinite)
                    throw new InvalidInputException($"vertex {i} has a non-finite coordinate {layer.Geometry.Vertices[i]}");
        var everything = drawn.SelectMany(l => l.Geometry.Vertices).ToArray();

        int ss = settings.Supersampling;
        var cameras = OrthographicCamera.Framing(everything, settings.Views, settings.Up, settings.Width * ss, settings.Height * ss);
        var image = new RenderedImage(settings.TotalWidth, settings.Height);
        var normals = drawn.ToDictionary(l => l, l => l.Material == Material.Surface
            ? settings.Shading == Shading.Smooth ? VertexNormals.OfVertices(l.Geometry) : VertexNormals.OfFaces(l.Geometry)
            : []);
        bool overCurve = drawn.Any(l => l.Material == Material.Curve);
        for (int v = 0; v < cameras.Length; v++)
        {
            var frame = new FrameBuffer(settings.Width * ss, settings.Height * ss);
            foreach (var layer in drawn) Draw(frame, cameras[v], layer, normals[layer], settings, overCurve);
            Resolve(frame, ss, image, v * settings.Width);
        }
        return image;
    }

    /// <summary>Splat radius in output pixels for a cloud of n points: about half the spacing of n points spread over a
    /// framed shape's visible half (≈ 0.6 of the view's smaller side squared), so a dense cloud reads as a surface.</summary>
    public static double DefaultPointRadius(int points, int width, int height) =>
        Math.Clamp(0.5 * 0.9 * Math.Min(width, height) * Math.Sqrt(0.6 * 2 / Math.Max(1, points)), 0.8, 8);

    /// <summary>Tube radius in output pixels: thin enough for fine detail, at least a pixel so curves never break up.</summary>
    public static double DefaultTubeRadius(int width, int height) => Math.Max(1.2, 0.006 * Math.Min(width, height));

    /// <summary>
    /// An overlay should not bury what it is drawn over: over a surface its splats are 0.6 of a cloud's own; over a
    /// curve, whose tube is thinner than a sparse cloud's splats, at most 0.6 of the tube, so the curve shows between them.
    /// </summary>
    static double OverlayOrPointRadius(Material material, int points, RenderSettings settings, bool overCurve)
    {
        double own = DefaultPointRadius(points, settings.Width, settings.Height);
        if (material != Material.Overlay) return own;
        double overlay = 0.6 * own;
        return overCurve ? Math.Min(overlay, 0.6 * (settings.TubeRadius ?? DefaultTubeRadius(settings.Width, settings.Height))) : overlay;
    }

    static void Draw(FrameBuffer frame, OrthographicCamera camera, SceneLayer layer, Vector3d[] normals, RenderSettings settings, bool overCurve)
    {
        var mesh = layer.Geometry;
        int n = mesh.VertexCount, ss = settings.Supersampling;
        var x = new float[n];
        var y = new float[n];
        var z = new float[n];
        for (int i = 0; i < n; i++)
        {
            var (px, py, depth) = camera.Project(mesh.Vertices[i]);
            x[i] = (float)px;
            y[i] = (float)py;
            z[i] = (float)depth;
        }
        float unitsPerSample = (float)(1 / camera.PixelsPerUnit);
        switch (layer.Material)
        {
            case Material.Surface:
                var viewNormals = new float[3 * normals.Length];
                for (int i = 0; i < normals.Length; i++)
                {
                    var nv = camera.ToView(normals[i]);
                    viewNormals[3 * i] = (float)nv.X;
                    viewNormals[3 * i + 1] = (float)nv.Y;
                    viewNormals[3 * i + 2] = (float)nv.Z;
                }
                TriangleRasteriser.Draw(frame, x, y, z, mesh.Triangles, viewNormals, settings.Shading == Shading.Smooth, Material.Surface);
                break;
            case Material.Curve:
                float tube = (float)((settings.TubeRadius ?? DefaultTubeRadius(settings.Width, settings.Height)) * ss);
                foreach (var line in mesh.Polylines)
                    for (int k = 0; k + 1 < line.Length; k++)
                    {
                        int a = line[k], b = line[k + 1];
                        TubeRasteriser.Segment(frame, x[a], y[a], z[a], x[b], y[b], z[b], tube, unitsPerSample, Material.Curve);
                    }
                break;
            default:
                double pixels = settings.PointRadius ?? OverlayOrPointRadius(layer.Material, n, settings, overCurve);
                float radius = (float)(pixels * ss);
                // Points lying on a surface would be half inside it; lift them towards the viewer by about their size.
                float bias = layer.Material == Material.Overlay ? 1.5f * radius * unitsPerSample : 0;
                for (int i = 0; i < n; i++) TubeRasteriser.Splat(frame, x[i], y[i], z[i], radius, unitsPerSample, layer.Material, bias);
                break;
        }
    }

    /// <summary>Shades every sample and averages each ss × ss block into one output pixel at column offset <paramref name="left"/>.</summary>
    static void Resolve(FrameBuffer frame, int ss, RenderedImage image, int left)
    {
        int width = frame.Width / ss, height = frame.Height / ss;
        float perPixel = 1f / (ss * ss);
        Parallel.For(0, height, row =>
        {
            var (br, bg, bb) = LightRig.Background((row + 0.5f) / height);
            for (int col = 0; col < width; col++)
            {
                float r = 0, g = 0, b = 0, covered = 0;
                for (int sy = 0; sy < ss; sy++)
                    for (int sx = 0; sx < ss; sx++)
                    {
                        int i = (row * ss + sy) * frame.Width + col * ss + sx;
                        var material = frame.Material[i];
                        if (material == Material.None) { r += br; g += bg; b += bb; continue; }
                        var (cr, cg, cb) = LightRig.Shade(material, frame.NormalX[i], frame.NormalY[i], frame.NormalZ[i]);
                        r += cr; g += cg; b += cb;
                        covered++;
                    }
                int pixel = row * image.Width + left + col;
                image.Pixels[4 * pixel] = ToByte(r * perPixel);
                image.Pixels[4 * pixel + 1] = ToByte(g * perPixel);
                image.Pixels[4 * pixel + 2] = ToByte(b * perPixel);
                image.Pixels[4 * pixel + 3] = 255;
                image.Coverage[pixel] = covered * perPixel;
            }
        });
    }

    static byte ToByte(float value) => (byte)Math.Clamp((int)MathF.Round(value * 255), 0, 255);
}
