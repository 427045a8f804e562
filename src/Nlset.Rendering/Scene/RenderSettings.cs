using Nlset.Geometry;

namespace Nlset.Rendering.Scene;

/// <summary>
/// How a scene is pictured: the size of each view, the views (placed side by side in one row), the shading, the up
/// axis and the supersampling factor (antialiasing: each pixel averages factor² samples).
/// </summary>
public sealed record RenderSettings
{
    /// <summary>Largest side of a view in pixels; larger pictures are not what a preview is for and cost memory (4 float buffers per sample).</summary>
    public const int MaxSide = 8192;

    /// <summary>Width of one view in pixels.</summary>
    public int Width { get; init; } = 768;
    /// <summary>Height of one view in pixels.</summary>
    public int Height { get; init; } = 768;
    public IReadOnlyList<ViewAngle> Views { get; init; } = ViewAngle.Standard(1);
    public Shading Shading { get; init; } = Shading.Smooth;
    public UpAxis Up { get; init; } = UpAxis.Y;
    /// <summary>2 × 2 samples per pixel removes the staircase on silhouettes at a quarter of the cost of 4 × 4.</summary>
    public int Supersampling { get; init; } = 2;
    /// <summary>Radius of a point splat in output pixels; null chooses one from the point count and the view size.</summary>
    public double? PointRadius { get; init; }
    /// <summary>Radius of a curve's tube in output pixels; null: 0.5 % of the view's smaller side.</summary>
    public double? TubeRadius { get; init; }

    public int TotalWidth => Width * Views.Count;

    public RenderSettings Validated()
    {
        if (Width < 1 || Height < 1 || Width > MaxSide || Height > MaxSide)
            throw InvalidInputException.ForSetting("Size", name => $"{name} {Width}x{Height}: each side must be 1..{MaxSide} pixels");
        if (Views.Count < 1) throw new InvalidInputException("at least one view is needed");
        if ((long)TotalWidth * Height > 64L << 20) throw new InvalidInputException($"{Views.Count} views of {Width}x{Height} is more than 64 megapixels");
        if (Supersampling is < 1 or > 4) throw new InvalidInputException($"supersampling must be 1..4, got {Supersampling}");
        if (PointRadius is { } p && !(p > 0 && p <= 64)) throw new InvalidInputException($"point radius must be in (0, 64] pixels, got {p}");
        if (TubeRadius is { } t && !(t > 0 && t <= 64)) throw new InvalidInputException($"tube radius must be in (0, 64] pixels, got {t}");
        return this;
    }

    /// <summary>"WIDTHxHEIGHT", e.g. 1024x768, or one number for a square.</summary>
    public static (int Width, int Height) ParseSize(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split('x');
        if (parts.Length is 1 or 2 && parts.All(p => int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)))
        {
            int w = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            int h = parts.Length == 2 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : w;
            if (w >= 1 && h >= 1 && w <= MaxSide && h <= MaxSide) return (w, h);
            throw InvalidInputException.ForSetting("Size", name => $"{name} '{text}': each side must be 1..{MaxSide} pixels");
        }
        throw InvalidInputException.ForSetting("Size", name => $"{name} '{text}': expected WIDTHxHEIGHT, e.g. 1024x1024");
    }
}
