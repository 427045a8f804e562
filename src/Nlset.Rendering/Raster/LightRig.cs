using Nlset.Rendering.Scene;

namespace Nlset.Rendering.Raster;

/// <summary>
/// The fixed lighting of every picture, in view space (x right, y up, z towards the viewer): a key light from the
/// upper left in front, a weaker fill from the right, a soft sky term from above and a small specular highlight of
/// the key light. Two-sided: a normal facing away is flipped, so open meshes and inside-out triangles are lit too.
/// Colours are linear in [0, 1]; the neutral background is a light vertical gradient that no material matches.
/// </summary>
public static class LightRig
{
    /// <summary>Direction towards the key light.</summary>
    public static readonly (float X, float Y, float Z) Key = Normalised(-0.45f, 0.55f, 0.70f);
    /// <summary>Direction towards the fill light.</summary>
    public static readonly (float X, float Y, float Z) Fill = Normalised(0.70f, 0.05f, 0.45f);

    // Weights chosen so that a surface facing the key light reaches ≈ 0.95 of its albedo without clipping, and a
    // surface facing away keeps ≈ 0.3 (shape stays readable in shadow).
    const float Ambient = 0.22f, Sky = 0.10f, KeyIntensity = 0.62f, FillIntensity = 0.22f, Specular = 0.18f;

    /// <summary>Half vector between the key light and the viewer (0, 0, 1): where the highlight sits.</summary>
    static readonly (float X, float Y, float Z) Half = Normalised(Key.X, Key.Y, Key.Z + 1);

    public static (float R, float G, float B) Albedo(Material material) => material switch
    {
        Material.Surface => (0.70f, 0.74f, 0.80f),   // light blue-grey clay: shows shading without a hue to distract
        Material.Curve => (0.12f, 0.52f, 0.60f),     // teal: apart from the red overlay and the blue point clouds
        Material.Points => (0.22f, 0.45f, 0.78f),
        Material.Overlay => (0.88f, 0.16f, 0.14f),   // red on blue-grey: the input cloud stands out over the result
        _ => (0, 0, 0),
    };

    /// <summary>Lit colour of a sample with unit view-space normal n.</summary>
    public static (float R, float G, float B) Shade(Material material, float nx, float ny, float nz)
    {
        if (nz < 0) { nx = -nx; ny = -ny; nz = -nz; }
        float key = MathF.Max(0, nx * Key.X + ny * Key.Y + nz * Key.Z);
        float fill = MathF.Max(0, nx * Fill.X + ny * Fill.Y + nz * Fill.Z);
        float sky = 0.5f * (1 + ny);
        float diffuse = Ambient + Sky * sky + KeyIntensity * key + FillIntensity * fill;
        float highlight = key > 0 ? Specular * Power48(MathF.Max(0, nx * Half.X + ny * Half.Y + nz * Half.Z)) : 0;
        var (r, g, b) = Albedo(material);
        return (MathF.Min(1, r * diffuse + highlight), MathF.Min(1, g * diffuse + highlight), MathF.Min(1, b * diffuse + highlight));
    }

    /// <summary>x^48, the highlight's shininess, by squaring (x^32 · x^16): MathF.Pow was a third of the shading time.</summary>
    static float Power48(float x)
    {
        float x2 = x * x, x4 = x2 * x2, x8 = x4 * x4, x16 = x8 * x8;
        return x16 * x16 * x16;
    }

    /// <summary>Background at a height in the image (0 top, 1 bottom): light grey, slightly darker at the bottom.</summary>
    public static (float R, float G, float B) Background(float height)
    {
        float v = 0.96f - 0.10f * height;
        return (v, v, v);
    }

    static (float X, float Y, float Z) Normalised(float x, float y, float z)
    {
        float length = MathF.Sqrt(x * x + y * y + z * z);
        return (x / length, y / length, z / length);
    }
}
