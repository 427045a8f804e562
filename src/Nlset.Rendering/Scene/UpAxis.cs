using Nlset.Geometry;

namespace Nlset.Rendering.Scene;

/// <summary>Which coordinate axis points up in the pictures (scans and meshes use either convention).</summary>
public enum UpAxis
{
    Y,
    Z,
}

public static class UpAxes
{
    public static UpAxis Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "y" => UpAxis.Y,
        "z" => UpAxis.Z,
        _ => throw InvalidInputException.ForSetting(nameof(RenderSettings.Up), name => $"{name} '{text}': expected y or z"),
    };

    /// <summary>The up direction and the front direction the azimuth is measured from (the camera at azimuth 0 sits on it).</summary>
    public static (Vector3d Up, Vector3d Front) Directions(this UpAxis axis) => axis switch
    {
        UpAxis.Y => (new Vector3d(0, 1, 0), new Vector3d(0, 0, 1)),
        // Z-up data (scans, CAD) conventionally face −Y.
        UpAxis.Z => (new Vector3d(0, 0, 1), new Vector3d(0, -1, 0)),
        _ => throw new ArgumentOutOfRangeException(nameof(axis)),
    };
}
