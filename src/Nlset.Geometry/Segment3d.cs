namespace Nlset.Geometry;

/// <summary>A line segment from A to B; A = B is allowed (a point).</summary>
public readonly record struct Segment3d(Vector3d A, Vector3d B)
{
    public double Length => (B - A).Length;

    /// <summary>The point of the segment nearest to <paramref name="p"/>; A itself when the segment has zero length.</summary>
    public Vector3d ClosestPoint(Vector3d p)
    {
        var ab = B - A;
        double lengthSquared = ab.LengthSquared;
        if (!(lengthSquared > 0)) return A;
        double t = Vector3d.Dot(p - A, ab) / lengthSquared;
        return t <= 0 ? A : t >= 1 ? B : A + ab * t;
    }
}
