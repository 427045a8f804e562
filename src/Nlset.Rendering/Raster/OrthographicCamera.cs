using Nlset.Geometry;
using Nlset.Rendering.Scene;

namespace Nlset.Rendering.Raster;

/// <summary>
/// An orthographic camera on a view angle: world points map to image coordinates (x right, y down, pixel units) and a
/// depth that grows towards the viewer. Orthographic because a preview is for judging shape: sizes stay comparable
/// across the picture and across views, and an axis-aligned view of a box is exactly its side.
/// </summary>
public sealed class OrthographicCamera
{
    OrthographicCamera(Vector3d right, Vector3d up, Vector3d toward, Vector3d centre, double pixelsPerUnit, int width, int height)
    {
        Right = right;
        Up = up;
        Toward = toward;
        Centre = centre;
        PixelsPerUnit = pixelsPerUnit;
        Width = width;
        Height = height;
    }

    /// <summary>Image x direction in the world.</summary>
    public Vector3d Right { get; }
    /// <summary>Image up direction (−y) in the world.</summary>
    public Vector3d Up { get; }
    /// <summary>From the scene towards the viewer.</summary>
    public Vector3d Toward { get; }
    /// <summary>World point at the image centre.</summary>
    public Vector3d Centre { get; }
    public double PixelsPerUnit { get; }
    public int Width { get; }
    public int Height { get; }

    /// <summary>Image x, y (pixels, y down) and depth (world units, larger is nearer).</summary>
    public (double X, double Y, double Depth) Project(Vector3d p)
    {
        var d = p - Centre;
        return (0.5 * Width + Vector3d.Dot(d, Right) * PixelsPerUnit, 0.5 * Height - Vector3d.Dot(d, Up) * PixelsPerUnit, Vector3d.Dot(d, Toward));
    }

    /// <summary>A world direction in view coordinates (x right, y up, z towards the viewer).</summary>
    public Vector3d ToView(Vector3d direction) =>
        new(Vector3d.Dot(direction, Right), Vector3d.Dot(direction, Up), Vector3d.Dot(direction, Toward));

    /// <summary>Orthonormal camera axes (right, up, towards the viewer) for a view angle.</summary>
    public static (Vector3d Right, Vector3d Up, Vector3d Toward) Axes(ViewAngle view, UpAxis upAxis)
    {
        var (up, front) = upAxis.Directions();
        var side = Vector3d.Cross(up, front);
        double az = view.Azimuth * Math.PI / 180, el = view.Elevation * Math.PI / 180;
        var toward = (Math.Cos(el) * (Math.Cos(az) * front + Math.Sin(az) * side) + Math.Sin(el) * up).Normalized();
        // The horizontal right direction: defined even looking straight down, where cross(up, toward) vanishes.
        var right = (Math.Cos(az) * side - Math.Sin(az) * front).Normalized();
        return (right, Vector3d.Cross(toward, right).Normalized(), toward);
    }

    /// <summary>
    /// Cameras for several views of a set of points, sharing one scale so that sizes compare across views: each view
    /// is centred on the points' projected bounding rectangle, and the largest such rectangle fills
    /// <paramref name="fill"/> of its image. The points themselves are projected (not the 3-D box's corners), so an
    /// elongated shape seen obliquely is framed tightly.
    /// </summary>
    public static OrthographicCamera[] Framing(IReadOnlyList<Vector3d> points, IReadOnlyList<ViewAngle> views, UpAxis upAxis, int width, int height, double fill = 0.9)
    {
        var centre = BoundingBox.Of(points.ToArray()).Center;
        var frames = new (Vector3d Right, Vector3d Up, Vector3d Toward, Vector3d Centre)[views.Count];
        double scale = double.PositiveInfinity;
        for (int v = 0; v < views.Count; v++)
        {
            var (right, up, toward) = Axes(views[v], upAxis);
            double minR = double.MaxValue, maxR = double.MinValue, minU = double.MaxValue, maxU = double.MinValue;
            foreach (var c in points)
            {
                double r = Vector3d.Dot(c - centre, right), u = Vector3d.Dot(c - centre, up);
                minR = Math.Min(minR, r); maxR = Math.Max(maxR, r); minU = Math.Min(minU, u); maxU = Math.Max(maxU, u);
            }
            frames[v] = (right, up, toward, centre + 0.5 * (minR + maxR) * right + 0.5 * (minU + maxU) * up);
            double spanR = maxR - minR, spanU = maxU - minU;
            if (spanR > 0) scale = Math.Min(scale, fill * width / spanR);
            if (spanU > 0) scale = Math.Min(scale, fill * height / spanU);
        }
        // A single point (or nothing) has no extent: any scale shows it, so show one unit across the image.
        if (double.IsPositiveInfinity(scale)) scale = fill * Math.Min(width, height);
        return frames.Select(f => new OrthographicCamera(f.Right, f.Up, f.Toward, f.Centre, scale, width, height)).ToArray();
    }
}
