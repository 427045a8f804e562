using Nlset.Geometry;

namespace Nlset.Rendering.Scene;

/// <summary>How triangles are shaded: interpolated vertex normals (smooth) or one normal per triangle (flat, shows the facets).</summary>
public enum Shading
{
    Smooth,
    Flat,
}

public static class Shadings
{
    public static Shading Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "smooth" => Shading.Smooth,
        "flat" => Shading.Flat,
        _ => throw InvalidInputException.ForSetting(nameof(RenderSettings.Shading), name => $"{name} '{text}': expected smooth or flat"),
    };
}
