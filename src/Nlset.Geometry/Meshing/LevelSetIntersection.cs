using System.Diagnostics;
using Nlset.Geometry.Curves;

namespace Nlset.Geometry.Meshing;

/// <summary>What <see cref="LevelSetIntersection.Extract"/> produced: the curve, the surface it was traced on, and the cost.</summary>
/// <param name="Curve">Polylines (no triangles), vertices shared by consecutive segments; closed chains repeat their first index.</param>
/// <param name="Surface">The marching-cubes mesh of the first field's level set.</param>
/// <param name="Grid">The marching-cubes grid (its spacing bounds how far a vertex can be from the true curve).</param>
/// <param name="SurfaceStatistics">Marching cubes' own figures (evaluations of the first field).</param>
/// <param name="SecondFieldEvaluations">Points at which the second field was evaluated (the surface's vertices).</param>
public sealed record LevelSetIntersectionResult(Mesh Curve, Mesh Surface, SampleGrid Grid, MarchingCubesStatistics SurfaceStatistics,
    long SecondFieldEvaluations, TimeSpan TotalTime);

/// <summary>
/// The curve {F₁ = 0} ∩ {F₂ = 0} of two scalar fields in 3-D (paper §3.3: a curve as the intersection of two level
/// sets), as polylines: marching cubes on F₁ gives a triangle mesh of its level set; F₂ is evaluated at the mesh's
/// vertices and its zero contour is traced across the triangles, with one curve vertex per cut mesh edge (linear
/// interpolation along the edge) shared by the two triangles on that edge, so that segments join into chains through
/// the mesh's edges. A triangle whose corners are not all on one side (value &lt; iso counts as inside, as in marching
/// cubes) is cut on exactly two edges and gives one segment. On a closed manifold surface every curve is a closed chain;
/// a curve that leaves the box ends on the surface's boundary and comes out open. Segments run along ∇F₁ × ∇F₂ (the
/// mesh faces +∇F₁), so every chain has that orientation. Accuracy is that of linear interpolation on the grid:
/// O(h²) for smooth fields with spacing h; the caller can then snap the vertices onto the true intersection (for a
/// network: Newton projection with l = 2).
/// </summary>
public static class LevelSetIntersection
{
    /// <param name="first">F₁, meshed with <paramref name="options"/> (its IsoValue is the level of F₁).</param>
    /// <param name="second">F₂, evaluated on the mesh's vertices in batches of at most options.MaxBatch.</param>
    /// <param name="secondLevel">The level of F₂.</param>
    /// <exception cref="InvalidInputException">Bad options or box, or a field returned NaN or infinity.</exception>
    public static LevelSetIntersectionResult Extract(ScalarField first, ScalarField second, BoundingBox box,
        MarchingCubesOptions options, double secondLevel = 0)
    {
        ArgumentNullException.ThrowIfNull(second);
        var clock = Stopwatch.StartNew();
        var surface = MarchingCubes.Extract(first, box, options);
        var values = new double[surface.Mesh.VertexCount];
        var sampler = new FieldSampler(second, surface.Grid, options.MaxBatch);
        sampler.Evaluate(surface.Mesh.Vertices, values);
        var curve = Contour(surface.Mesh, values, secondLevel);
        return new LevelSetIntersectionResult(curve, surface.Mesh, surface.Grid, surface.Statistics, sampler.Evaluations, clock.Elapsed);
    }

    /// <summary>
    /// The level set {g = <paramref name="level"/>} of a function given by its values at the vertices of a triangle mesh
    /// (linear on each triangle), as polylines joined through shared mesh edges.
    /// </summary>
    /// <exception cref="InvalidInputException">The values do not match the vertices, or one is not finite.</exception>
    public static Mesh Contour(Mesh surface, ReadOnlySpan<double> values, double level = 0)
    {
        ArgumentNullException.ThrowIfNull(surface);
        if (values.Length != surface.VertexCount)
            throw new InvalidInputException($"{values.Length} values given for {surface.VertexCount} mesh vertices");
        if (!double.IsFinite(level)) throw new InvalidInputException(FormattableString.Invariant($"the contour level must be finite, got {level}"));
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i])) throw FieldSampler.NonFinite(values[i], surface.Vertices[i]);

        var points = new List<Vector3d>();
        var pointOfEdge = new Dictionary<(int, int), int>();
        var segments = new List<int[]>();
        var v = surface.Vertices;
        Span<int> cut = stackalloc int[2];
        for (int t = 0; t < surface.TriangleCount; t++)
        {
            var (a, b, c) = surface.Triangle(t);
            bool ia = values[a] < level, ib = values[b] < level, ic = values[c] < level;
            if (ia == ib && ib == ic) continue;
            int n = 0;
            if (ia != ib) cut[n++] = PointOn(a, b, values, level, v, points, pointOfEdge);
            if (ib != ic) cut[n++] = PointOn(b, c, values, level, v, points, pointOfEdge);
            if (ic != ia) cut[n++] = PointOn(c, a, values, level, v, points, pointOfEdge);
            // Orientation: along T = ∇F₁ × ∇F₂ the vector n × T (n ∝ ∇F₁, the triangle's normal) points down ∇F₂, i.e. into the
            // inside of g. So keep p → q when n × (q − p) points to the inside corner (or away from the lone outside one).
            var normal = Vector3d.Cross(v[b] - v[a], v[c] - v[a]);
            int insideCount = (ia ? 1 : 0) + (ib ? 1 : 0) + (ic ? 1 : 0);
            int lone = insideCount == 1 ? (ia ? a : ib ? b : c) : (!ia ? a : !ib ? b : c);
            var towardInside = (v[lone] - points[cut[0]]) * (insideCount == 1 ? 1 : -1);
            bool forward = Vector3d.Dot(Vector3d.Cross(normal, points[cut[1]] - points[cut[0]]), towardInside) > 0;
            segments.Add(forward ? [cut[0], cut[1]] : [cut[1], cut[0]]);
        }
        return new Mesh([.. points], polylines: PolylineChains.Join(segments));
    }

    /// <summary>The curve vertex on mesh edge (i, j), made once and shared by both triangles on the edge.</summary>
    static int PointOn(int i, int j, ReadOnlySpan<double> values, double level, Vector3d[] v, List<Vector3d> points,
        Dictionary<(int, int), int> pointOfEdge)
    {
        var key = i < j ? (i, j) : (j, i);
        if (pointOfEdge.TryGetValue(key, out int index)) return index;
        var (lo, hi) = key;
        // Interpolate from the lower index so both triangles compute the same point bit for bit.
        double t = (level - values[lo]) / (values[hi] - values[lo]);
        points.Add(v[lo] + (v[hi] - v[lo]) * t);
        pointOfEdge[key] = points.Count - 1;
        return points.Count - 1;
    }
}
