namespace Nlset.Geometry.Shapes;

/// <summary>
/// Space curves with known shape, as polylines: the test oracles and sample sources of curve reconstruction. Each is a
/// <see cref="Mesh"/> with one polyline (closed ones repeat their first index) and no triangles, so
/// <see cref="Sampling.SurfaceSampler"/> draws points uniformly by length from it.
/// </summary>
public static class ParametricCurves
{
    /// <summary>
    /// The trefoil knot x = sin t + 2 sin 2t, y = cos t − 2 cos 2t, z = −sin 3t, t ∈ [0, 2π): a closed curve that no
    /// single smooth surface patch around a circle can hold, so it exercises the intersection of two level sets.
    /// Spans about 6 × 6 × 2.
    /// </summary>
    public static Mesh Trefoil(int segments = 2048) => Closed(segments, t =>
        new Vector3d(Math.Sin(t) + 2 * Math.Sin(2 * t), Math.Cos(t) - 2 * Math.Cos(2 * t), -Math.Sin(3 * t)));

    /// <summary>A circle of <paramref name="radius"/> in the plane through <paramref name="center"/> normal to z.</summary>
    public static Mesh Circle(double radius = 1, Vector3d center = default, int segments = 512)
    {
        if (!(radius > 0) || !double.IsFinite(radius)) throw new ArgumentOutOfRangeException(nameof(radius), radius, "the radius must be positive and finite");
        return Closed(segments, t => center + new Vector3d(radius * Math.Cos(t), radius * Math.Sin(t), 0));
    }

    /// <summary>
    /// An open helix around the z axis: (r cos t, r sin t, pitch · t / 2π) for t ∈ [0, 2π · turns] — it rises by
    /// <paramref name="pitch"/> per turn.
    /// </summary>
    public static Mesh Helix(double radius = 1, double pitch = 1, double turns = 3, int segments = 2048)
    {
        if (!(radius > 0) || !double.IsFinite(radius)) throw new ArgumentOutOfRangeException(nameof(radius), radius, "the radius must be positive and finite");
        if (!double.IsFinite(pitch)) throw new ArgumentOutOfRangeException(nameof(pitch), pitch, "the pitch must be finite");
        if (!(turns > 0) || !double.IsFinite(turns)) throw new ArgumentOutOfRangeException(nameof(turns), turns, "the number of turns must be positive and finite");
        CheckSegments(segments, 1);
        var vertices = new Vector3d[segments + 1];
        for (int i = 0; i <= segments; i++)
        {
            double t = 2 * Math.PI * turns * i / segments;
            vertices[i] = new Vector3d(radius * Math.Cos(t), radius * Math.Sin(t), pitch * t / (2 * Math.PI));
        }
        return new Mesh(vertices, polylines: [Enumerable.Range(0, segments + 1).ToArray()]);
    }

    /// <summary>
    /// The closed <paramref name="curve"/> (a single polyline) with the stretch of arc length [start, start + gap) · L
    /// removed, L its length, both given as fractions of L (the gap may wrap past the first vertex): one open polyline
    /// of length (1 − gap) · L. Its two ends are interpolated on the curve, so the removed length is exact to rounding.
    /// </summary>
    public static Mesh WithGap(Mesh curve, double start, double gap)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (curve.Polylines.Count != 1) throw new ArgumentException($"expected one polyline, got {curve.Polylines.Count}", nameof(curve));
        var chain = curve.Polylines[0];
        if (!Curves.PolylineChains.IsClosed(chain)) throw new ArgumentException("the curve must be closed (its polyline repeats its first index)", nameof(curve));
        if (!(gap > 0 && gap < 1)) throw new ArgumentOutOfRangeException(nameof(gap), gap, "the gap must be a fraction of the length in (0, 1)");
        if (!(start >= 0 && start < 1)) throw new ArgumentOutOfRangeException(nameof(start), start, "the start must be a fraction of the length in [0, 1)");

        // Arc length at each vertex of the chain walked twice, so that the kept stretch never has to wrap.
        int n = chain.Length - 1;
        var arc = new double[2 * n + 1];
        var at = new Vector3d[2 * n + 1];
        at[0] = curve.Vertices[chain[0]];
        for (int k = 1; k <= 2 * n; k++)
        {
            at[k] = curve.Vertices[chain[k % n]];
            arc[k] = arc[k - 1] + (at[k] - at[k - 1]).Length;
        }
        double length = arc[n];
        if (!(length > 0)) throw new ArgumentException("the curve has zero length", nameof(curve));
        double from = (start + gap) * length, to = (start + 1) * length;
        var kept = new List<Vector3d> { Interpolate(arc, at, from) };
        for (int k = 0; k <= 2 * n; k++)
            if (arc[k] > from && arc[k] < to) kept.Add(at[k]);
        kept.Add(Interpolate(arc, at, to));
        return new Mesh([.. kept], polylines: [Enumerable.Range(0, kept.Count).ToArray()]);
    }

    /// <summary>The point at arc length <paramref name="s"/> of the polyline with vertices <paramref name="at"/> and running lengths <paramref name="arc"/>.</summary>
    static Vector3d Interpolate(double[] arc, Vector3d[] at, double s)
    {
        int hi = Array.BinarySearch(arc, s);
        if (hi >= 0) return at[hi];
        hi = Math.Min(~hi, arc.Length - 1);
        int lo = hi - 1;
        double t = (s - arc[lo]) / (arc[hi] - arc[lo]);
        return at[lo] + (at[hi] - at[lo]) * t;
    }

    static Mesh Closed(int segments, Func<double, Vector3d> position)
    {
        CheckSegments(segments, 3);
        var vertices = new Vector3d[segments];
        for (int i = 0; i < segments; i++) vertices[i] = position(2 * Math.PI * i / segments);
        var chain = new int[segments + 1];
        for (int i = 0; i < segments; i++) chain[i] = i;
        return new Mesh(vertices, polylines: [chain]);
    }

    static void CheckSegments(int segments, int minimum)
    {
        if (segments < minimum || segments > 1 << 24)
            throw new ArgumentOutOfRangeException(nameof(segments), segments, $"the number of segments must be {minimum}..{1 << 24}");
    }
}
