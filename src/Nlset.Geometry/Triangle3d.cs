namespace Nlset.Geometry;

/// <summary>
/// A triangle A, B, C (counter-clockwise seen from the side its normal points to). Degenerate
/// triangles — repeated vertices, collinear vertices, or slivers thinner than
/// <see cref="DegenerateHeightRatio"/> of their longest edge — have zero area and a zero normal,
/// are never sampled, and measure distance as the union of their three edges, so no query on
/// them yields NaN.
/// </summary>
public readonly record struct Triangle3d(Vector3d A, Vector3d B, Vector3d C)
{
    /// <summary>
    /// Height over longest edge below which a triangle counts as degenerate. The interior case of
    /// the closest-point query divides by |AB × AC|², whose rounding error is about 1e-16·L⁴ for
    /// longest edge L; with height/L ≥ 1e-6 the divisor is ≥ 1e-12·L⁴, four orders above that
    /// error. A thinner sliver is at most 1e-6·L away from its edges, so treating it as its edges
    /// changes distances by less than that.
    /// </summary>
    public const double DegenerateHeightRatio = 1e-6;

    /// <summary>AB × AC: normal direction with length twice the area.</summary>
    public Vector3d AreaVector => Vector3d.Cross(B - A, C - A);

    public bool IsDegenerate
    {
        get
        {
            double longestSquared = Math.Max((B - A).LengthSquared, Math.Max((C - B).LengthSquared, (A - C).LengthSquared));
            // |AB × AC| = L·h for longest edge L and the height h onto it.
            double twiceArea = AreaVector.Length;
            return !(twiceArea > DegenerateHeightRatio * longestSquared);
        }
    }

    /// <summary>Area, or 0 for a degenerate triangle.</summary>
    public double Area => IsDegenerate ? 0 : 0.5 * AreaVector.Length;

    /// <summary>Unit normal by the right-hand rule over A, B, C, or zero for a degenerate triangle.</summary>
    public Vector3d Normal => IsDegenerate ? Vector3d.Zero : AreaVector.Normalized();

    public Vector3d Centroid => (A + B + C) / 3.0;

    /// <summary>The point at barycentric weights (1 − u − v, u, v).</summary>
    public Vector3d PointAt(double u, double v) => A + (B - A) * u + (C - A) * v;

    /// <summary>
    /// The point of the triangle nearest to <paramref name="p"/>, by Ericson's Voronoi-region method
    /// (Real-Time Collision Detection, §5.1.5): vertex regions, then edge regions, then the interior
    /// projection. A degenerate triangle answers with the nearest point of its three edges.
    /// </summary>
    public Vector3d ClosestPoint(Vector3d p)
    {
        if (IsDegenerate)
        {
            var onAB = new Segment3d(A, B).ClosestPoint(p);
            var onBC = new Segment3d(B, C).ClosestPoint(p);
            var onCA = new Segment3d(C, A).ClosestPoint(p);
            double dAB = (p - onAB).LengthSquared, dBC = (p - onBC).LengthSquared, dCA = (p - onCA).LengthSquared;
            return dAB <= dBC ? (dAB <= dCA ? onAB : onCA) : (dBC <= dCA ? onBC : onCA);
        }
        return ClosestPointNonDegenerate(p, A, B, C);
    }

    /// <summary>Distance from <paramref name="p"/> to the triangle.</summary>
    public double DistanceTo(Vector3d p) => (p - ClosestPoint(p)).Length;

    /// <summary>Ericson's region tests; every division's denominator is bounded away from zero for a non-degenerate triangle.</summary>
    internal static Vector3d ClosestPointNonDegenerate(Vector3d p, Vector3d a, Vector3d b, Vector3d c)
    {
        var ab = b - a;
        var ac = c - a;
        var ap = p - a;
        double d1 = Vector3d.Dot(ab, ap), d2 = Vector3d.Dot(ac, ap);
        if (d1 <= 0 && d2 <= 0) return a;

        var bp = p - b;
        double d3 = Vector3d.Dot(ab, bp), d4 = Vector3d.Dot(ac, bp);
        if (d3 >= 0 && d4 <= d3) return b;

        double vc = d1 * d4 - d3 * d2;
        if (vc <= 0 && d1 >= 0 && d3 <= 0) return a + ab * (d1 / (d1 - d3));

        var cp = p - c;
        double d5 = Vector3d.Dot(ab, cp), d6 = Vector3d.Dot(ac, cp);
        if (d6 >= 0 && d5 <= d6) return c;

        double vb = d5 * d2 - d1 * d6;
        if (vb <= 0 && d2 >= 0 && d6 <= 0) return a + ac * (d2 / (d2 - d6));

        double va = d3 * d6 - d5 * d4;
        if (va <= 0 && d4 - d3 >= 0 && d5 - d6 >= 0) return b + (c - b) * ((d4 - d3) / ((d4 - d3) + (d5 - d6)));

        double denominator = 1.0 / (va + vb + vc);
        return a + ab * (vb * denominator) + ac * (vc * denominator);
    }
}
