namespace Nlset.Geometry;

/// <summary>Axis-aligned box.</summary>
public readonly record struct BoundingBox(Vector3d Min, Vector3d Max)
{
    public Vector3d Size => Max - Min;
    public Vector3d Center => (Min + Max) * 0.5;
    public double Diagonal => Size.Length;
    public double LargestSide => Math.Max(Size.X, Math.Max(Size.Y, Size.Z));

    public static BoundingBox Of(ReadOnlySpan<Vector3d> points)
    {
        if (points.IsEmpty) throw new ArgumentException("cannot bound an empty point set", nameof(points));
        var min = points[0];
        var max = points[0];
        foreach (var p in points)
        {
            min = Vector3d.Min(min, p);
            max = Vector3d.Max(max, p);
        }
        return new BoundingBox(min, max);
    }

    /// <summary>The box grown by <paramref name="margin"/> on every side.</summary>
    public BoundingBox Expanded(double margin) => new(Min - new Vector3d(margin, margin, margin), Max + new Vector3d(margin, margin, margin));
}
