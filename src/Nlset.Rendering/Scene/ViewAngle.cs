using System.Globalization;
using Nlset.Geometry;

namespace Nlset.Rendering.Scene;

/// <summary>
/// Where the camera looks from: an azimuth about the up axis (0° = the front, positive turns the camera towards the
/// shape's right) and an elevation above the horizontal plane, both in degrees.
/// </summary>
public readonly record struct ViewAngle(double Azimuth, double Elevation)
{
    /// <summary>
    /// The fixed rows of views for --views: one three-quarter view; front, side and a high three-quarter view; and
    /// the four sides from slightly above (a scan seen all round). 20° of elevation shows the top without flattening
    /// the silhouette.
    /// </summary>
    public static IReadOnlyList<ViewAngle> Standard(int count) => count switch
    {
        1 => [new(35, 20)],
        3 => [new(0, 10), new(90, 10), new(35, 35)],
        4 => [new(0, 20), new(90, 20), new(180, 20), new(270, 20)],
        _ => throw InvalidInputException.ForSetting(nameof(RenderSettings.Views), name => $"{name} must be 1, 3 or 4, got {count}"),
    };

    /// <summary>"AZ,EL" in degrees, e.g. "30,20"; elevation within ±90.</summary>
    public static ViewAngle Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var azimuth)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var elevation)
            || !double.IsFinite(azimuth) || !double.IsFinite(elevation))
            throw InvalidInputException.ForSetting("Camera", name => $"{name} '{text}': expected AZIMUTH,ELEVATION in degrees, e.g. 30,20");
        if (Math.Abs(elevation) > 90) throw InvalidInputException.ForSetting("Camera", name => $"{name} '{text}': the elevation must be within ±90 degrees");
        return new ViewAngle(azimuth, elevation);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Azimuth:0.##},{Elevation:0.##}");
}
