using Nlset.Geometry.Spatial;

namespace Nlset.Geometry.Curves;

/// <summary>How <see cref="SpuriousCurves.Remove"/> judges a curve: tiny relative to the largest, far relative to the data's spacing.</summary>
public sealed record SpuriousCurveRule
{
    /// <summary>A curve shorter than this fraction of the longest extracted curve is tiny.</summary>
    public double TinyFraction { get; init; } = 0.05;
    /// <summary>A curve whose vertices lie on average farther from the data than this many mean data spacings is far.</summary>
    public double FarSpacings { get; init; } = 3;

    public SpuriousCurveRule Validated()
    {
        if (!(TinyFraction >= 0 && TinyFraction <= 1)) throw new InvalidInputException($"the tiny-curve fraction must lie in [0, 1], got {TinyFraction}");
        if (!(FarSpacings >= 0) || !double.IsFinite(FarSpacings)) throw new InvalidInputException($"the far-curve distance must be a non-negative number of spacings, got {FarSpacings}");
        return this;
    }
}

/// <summary>What <see cref="SpuriousCurves.Remove"/> kept and dropped.</summary>
/// <param name="Curves">The kept polylines, over only the vertices they use.</param>
/// <param name="Dropped">How many polylines were dropped.</param>
/// <param name="DroppedLength">Their total length.</param>
/// <param name="FarDistance">The distance beyond which a curve counted as far, or null when no data was given.</param>
public sealed record SpuriousCurvesResult(Mesh Curves, int Dropped, double DroppedLength, double? FarDistance);

/// <summary>
/// Drops the small closed or open curves that a trained network's two zero level sets also meet in, away from the
/// data: a curve is dropped when it is tiny (shorter than <see cref="SpuriousCurveRule.TinyFraction"/> of the longest)
/// and far (mean distance of its vertices to the nearest data point above <see cref="SpuriousCurveRule.FarSpacings"/>
/// times the data's mean nearest-neighbour spacing). Both conditions are needed: a short piece near the data is real
/// (a curve the box cut, a small loop of the shape), and a long curve is kept wherever it runs (it may complete a gap
/// in the data, paper Figure 3g). Without data only tininess is judged.
/// </summary>
public static class SpuriousCurves
{
    public static SpuriousCurvesResult Remove(Mesh curves, ReadOnlySpan<Vector3d> data, SpuriousCurveRule rule)
    {
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validated();
        var lines = curves.Polylines;
        if (lines.Count == 0) return new SpuriousCurvesResult(curves, 0, 0, null);
        var lengths = lines.Select(l => PolylineChains.Length(curves.Vertices, l)).ToArray();
        double longest = lengths.Max();

        KdTree? tree = null;
        double? far = null;
        if (data.Length >= 2)
        {
            tree = new KdTree(data);
            far = rule.FarSpacings * MeanSpacing(tree, data);
        }

        var keep = new List<int[]>();
        int dropped = 0;
        double droppedLength = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            bool tiny = lengths[i] < rule.TinyFraction * longest;
            bool isFar = tree == null || MeanDistance(tree, curves.Vertices, lines[i]) > far;
            if (tiny && isFar)
            {
                dropped++;
                droppedLength += lengths[i];
            }
            else keep.Add(lines[i]);
        }
        return new SpuriousCurvesResult(Compact(curves, keep), dropped, droppedLength, far);
    }

    /// <summary>Mean distance from each point of <paramref name="data"/> to its nearest other point (the data's spacing).</summary>
    public static double MeanSpacing(ReadOnlySpan<Vector3d> data)
    {
        if (data.Length < 2) throw new ArgumentException("a spacing needs at least two points", nameof(data));
        return MeanSpacing(new KdTree(data), data);
    }

    static double MeanSpacing(KdTree tree, ReadOnlySpan<Vector3d> data)
    {
        Span<int> index = stackalloc int[2];
        Span<double> distance = stackalloc double[2];
        double sum = 0;
        foreach (var p in data)
        {
            tree.KNearest(p, 2, index, distance);
            sum += distance[1];       // distance[0] is the point itself
        }
        return sum / data.Length;
    }

    static double MeanDistance(KdTree tree, Vector3d[] vertices, int[] chain)
    {
        int count = PolylineChains.IsClosed(chain) ? chain.Length - 1 : chain.Length;
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            tree.Nearest(vertices[chain[i]], out double d);
            sum += d;
        }
        return sum / count;
    }

    /// <summary>The mesh of <paramref name="keep"/> over only the vertices they use, in order of first use.</summary>
    internal static Mesh Compact(Mesh curves, List<int[]> keep)
    {
        var map = new Dictionary<int, int>();
        var vertices = new List<Vector3d>();
        var lines = new List<int[]>(keep.Count);
        foreach (var line in keep)
        {
            var mapped = new int[line.Length];
            for (int i = 0; i < line.Length; i++)
            {
                if (!map.TryGetValue(line[i], out int m))
                {
                    m = vertices.Count;
                    vertices.Add(curves.Vertices[line[i]]);
                    map[line[i]] = m;
                }
                mapped[i] = m;
            }
            lines.Add(mapped);
        }
        return new Mesh([.. vertices], polylines: lines) { Comments = [.. curves.Comments] };
    }
}
