using Nlset.Geometry;
using Nlset.Geometry.Shapes;
using Nlset.Rendering.Raster;
using Nlset.Rendering.Scene;

namespace Nlset.Rendering.Tests;

public class SceneRendererTests
{
    /// <summary>The unit cube [0, 1]³ as 12 triangles, outward CCW.</summary>
    internal static Mesh UnitCube()
    {
        var v = new Vector3d[8];
        for (int i = 0; i < 8; i++) v[i] = new Vector3d(i & 1, (i >> 1) & 1, (i >> 2) & 1);
        int[] t =
        [
            0, 2, 1, 1, 2, 3,   // z = 0
            4, 5, 6, 5, 7, 6,   // z = 1
            0, 1, 4, 1, 5, 4,   // y = 0
            2, 6, 3, 3, 6, 7,   // y = 1
            0, 4, 2, 2, 4, 6,   // x = 0
            1, 3, 5, 3, 7, 5,   // x = 1
        ];
        return new Mesh(v, triangles: t);
    }

    static RenderSettings View(int width, int height, double azimuth, double elevation, int ss = 2) => new()
    {
        Width = width, Height = height, Views = [new ViewAngle(azimuth, elevation)], Supersampling = ss,
    };

    [Theory]
    [InlineData(0, 0)]
    [InlineData(90, 0)]
    [InlineData(180, 0)]
    [InlineData(0, 90)]
    public void AxisAlignedCubeCoversItsSquare(double azimuth, double elevation)
    {
        // Looking along an axis the cube's image is its 1 × 1 face; framing makes it 90 % of the 200-pixel side: a
        // 180 × 180 square centred in the image. Antialiasing may only blur the one-pixel rim.
        var image = SceneRenderer.Render([SceneLayer.Of(UnitCube())], View(200, 200, azimuth, elevation));
        Assert.InRange(image.CoveredPixels(), 180 * 180 - 2 * 180, 180 * 180 + 2 * 180);
        Assert.Equal(178 * 178, image.CoveredPixels(11, 11, 189, 189), 0);
        Assert.Equal(0, image.CoveredPixels(0, 0, 200, 9));
        Assert.Equal(0, image.CoveredPixels(0, 191, 200, 200));
        Assert.Equal(0, image.CoveredPixels(0, 0, 9, 200));
        Assert.Equal(0, image.CoveredPixels(191, 0, 200, 200));
    }

    [Fact]
    public void CubeSeenFromACornerCoversAHexagon()
    {
        // Along the diagonal (azimuth 45°, elevation atan(1/√2)) a unit cube projects to a regular hexagon of side √(2/3):
        // area (3√3/2)·(2/3) = √3, against a bounding rectangle of √2 × (2·√(2/3)).
        double elevation = Math.Atan(1 / Math.Sqrt(2)) * 180 / Math.PI;
        var image = SceneRenderer.Render([SceneLayer.Of(UnitCube())], View(300, 300, 45, elevation));
        double spanX = Math.Sqrt(2), spanY = 2 * Math.Sqrt(2.0 / 3);
        double scale = 0.9 * 300 / Math.Max(spanX, spanY);
        double expected = Math.Sqrt(3) * scale * scale;
        Assert.InRange(image.CoveredPixels(), expected * 0.98, expected * 1.02);
    }

    [Fact]
    public void SphereIsBrightestWhereItsNormalFacesTheKeyLight()
    {
        var sphere = Icosphere.Create(5, 1.0);
        var image = SceneRenderer.Render([SceneLayer.Of(sphere)], View(200, 200, 0, 0));
        // Framing: the sphere's 2 × 2 box fills 180 pixels, so its image is a disc of radius 90 at (100, 100).
        int bestX = 0, bestY = 0, best = -1;
        for (int y = 0; y < 200; y++)
            for (int x = 0; x < 200; x++)
            {
                if (image.Coverage[y * 200 + x] < 1) continue;
                var (r, g, b) = image[x, y];
                if (r + g + b > best) { best = r + g + b; bestX = x; bestY = y; }
            }
        double nx = (bestX + 0.5 - 100) / 90, ny = -(bestY + 0.5 - 100) / 90;
        double nz = Math.Sqrt(Math.Max(0, 1 - nx * nx - ny * ny));
        var key = LightRig.Key;
        double angle = Math.Acos(Math.Clamp(nx * key.X + ny * key.Y + nz * key.Z, -1, 1)) * 180 / Math.PI;
        Assert.True(angle < 25, $"brightest pixel ({bestX}, {bestY}) has a normal {angle:F1}° from the key light");
        // And the darkest covered pixel faces away from it (lower right).
        Assert.True(bestX < 100 && bestY < 100, $"brightest pixel ({bestX}, {bestY}) is not upper left");
    }

    [Fact]
    public void FlatShadingShowsFacetsAndSmoothShadingDoesNot()
    {
        // On a coarse sphere flat shading makes neighbouring pixels jump at facet edges; smooth shading varies slowly.
        var sphere = Icosphere.Create(1, 1.0);
        double Jumps(Shading shading)
        {
            var image = SceneRenderer.Render([SceneLayer.Of(sphere)], View(160, 160, 10, 10) with { Shading = shading });
            double largest = 0;
            for (int y = 60; y < 100; y++)
                for (int x = 60; x < 100; x++)
                    largest = Math.Max(largest, Math.Abs(image[x + 1, y].G - image[x, y].G));
            return largest;
        }
        Assert.True(Jumps(Shading.Flat) > 3 * Jumps(Shading.Smooth), $"flat {Jumps(Shading.Flat)}, smooth {Jumps(Shading.Smooth)}");
    }

    [Fact]
    public void PolylineRendersWithinItsProjectedBounds()
    {
        // A circle of radius 1 in the z = 0 plane seen from the front: a ring of radius 90 pixels at the centre.
        var circle = ParametricCurves.Circle(1, default, 256);
        var settings = View(200, 200, 0, 0) with { TubeRadius = 2 };
        var image = SceneRenderer.Render([SceneLayer.Of(circle)], settings);
        Assert.Equal(Material.Curve, SceneLayer.Of(circle).Material);
        // A ring of width 4 and radius 90 covers about 2π·90·4 pixels.
        Assert.InRange(image.CoveredPixels(), 0.9 * 2 * Math.PI * 90 * 4, 1.1 * 2 * Math.PI * 90 * 4);
        Assert.Equal(0, image.CoveredPixels(45, 45, 155, 155));   // inside the ring: nothing
        Assert.Equal(0, image.CoveredPixels(0, 0, 200, 7));
    }

    [Fact]
    public void CloudRendersAsSplatsWithinItsBounds()
    {
        var points = new Vector3d[] { new(-1, -1, 0), new(1, 1, 0), new(1, -1, 0), new(-1, 1, 0), new(0, 0, 0) };
        var settings = View(200, 200, 0, 0) with { PointRadius = 3 };
        var image = SceneRenderer.Render([SceneLayer.Of(Mesh.PointCloud(points))], settings);
        // Five discs of radius 3 (the corners are at the image's 90 % frame, so each corner disc is whole).
        Assert.InRange(image.CoveredPixels(), 5 * Math.PI * 9 * 0.85, 5 * Math.PI * 9 * 1.15);
        Assert.True(image.CoveredPixels(97, 97, 103, 103) > 20);
        Assert.Equal(0, image.CoveredPixels(0, 0, 200, 5));
    }

    [Fact]
    public void OverlayCloudIsDrawnOnTopOfTheSurfaceItLiesOn()
    {
        // Points on the cube's front face must show over it, in the overlay's red, not be buried by the depth test.
        var cube = UnitCube();
        var onFace = Enumerable.Range(0, 25).Select(i => new Vector3d(0.1 + 0.2 * (i % 5), 0.1 + 0.2 * (i / 5), 1)).ToArray();
        var settings = View(200, 200, 0, 0) with { PointRadius = 3 };
        var image = SceneRenderer.Render([SceneLayer.Of(cube), SceneLayer.OverlayOf(Mesh.PointCloud(onFace))], settings);
        // The first point (0.1, 0.1) is at 10 % of the face from the lower left: pixel (10 + 18, 190 − 18).
        var (r, g, b) = image[28, 172];
        Assert.True(r > 2 * g && r > 2 * b, $"pixel ({r}, {g}, {b}) is not the overlay's red");
    }

    [Fact]
    public void ViewsArePlacedSideBySide()
    {
        var settings = new RenderSettings { Width = 120, Height = 100, Views = ViewAngle.Standard(3) };
        var image = SceneRenderer.Render([SceneLayer.Of(UnitCube())], settings);
        Assert.Equal(360, image.Width);
        Assert.Equal(100, image.Height);
        for (int v = 0; v < 3; v++) Assert.True(image.CoveredPixels(120 * v, 0, 120 * (v + 1), 100) > 1000, $"view {v} is empty");
    }

    [Fact]
    public void EmptyGeometryIsRefused()
    {
        Assert.Throws<InvalidInputException>(() => SceneRenderer.Render([SceneLayer.Of(Mesh.PointCloud([]))], new RenderSettings()));
        var bad = Mesh.PointCloud([new Vector3d(0, 0, 0), new Vector3d(double.NaN, 0, 0)]);
        Assert.Throws<InvalidInputException>(() => SceneRenderer.Render([SceneLayer.Of(bad)], new RenderSettings()));
    }
}
