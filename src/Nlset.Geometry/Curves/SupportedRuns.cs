namespace Nlset.Geometry.Curves;

/// <summary>A stretch of consecutive polyline vertices that the data supports (or not).</summary>
/// <param name="Start">Index of its first vertex.</param>
/// <param name="Count">Vertices in it; on a closed polyline a run may wrap past the last vertex to the first.</param>
public readonly record struct CurveRun(int Start, int Count, bool Supported)
{
    /// <summary>The <paramref name="k"/>-th vertex index of the run on a polyline of <paramref name="n"/> vertices.</summary>
    public int At(int k, int n) => (Start + k) % n;
    public int Last(int n) => At(Count - 1, n);
}

/// <summary>
/// Splits a polyline into maximal runs of vertices the data supports and runs it does not (a vertex is supported when
/// it lies within the support distance of the data). Runs shorter than <c>minLength</c> are flicker, not structure —
/// noise can lift one vertex of a well-supported stretch past the distance, or let a detour graze a data point — so an
/// interior unsupported run that short is counted supported, then an interior supported run that short unsupported.
/// The length of a run is the arc length from the vertex before it to the vertex after it (a one-vertex run has the
/// length of its two segments). On a closed polyline with both kinds, the runs start at the first vertex of a supported
/// run, in order around the curve; a closed polyline of one kind is one run starting at 0.
/// </summary>
public static class SupportedRuns
{
    /// <param name="points">The polyline's vertices (a closed one without its first vertex repeated at the end).</param>
    public static IReadOnlyList<CurveRun> Split(ReadOnlySpan<Vector3d> points, bool closed, ReadOnlySpan<bool> supported, double minLength)
    {
        int n = points.Length;
        if (supported.Length != n) throw new ArgumentException($"{supported.Length} labels for {n} vertices", nameof(supported));
        if (n == 0) return [];
        var label = supported.ToArray();
        var runs = Runs(label, closed);
        Absorb(points, closed, label, runs, shortOf: false, minLength);
        runs = Runs(label, closed);
        Absorb(points, closed, label, runs, shortOf: true, minLength);
        return Runs(label, closed);
    }

    /// <summary>Relabels interior runs of the given kind shorter than <paramref name="minLength"/> (an interior run has runs on both sides).</summary>
    static void Absorb(ReadOnlySpan<Vector3d> points, bool closed, bool[] label, List<CurveRun> runs, bool shortOf, double minLength)
    {
        int n = points.Length;
        if (runs.Count < (closed ? 2 : 3)) return;
        for (int r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            if (run.Supported != shortOf) continue;
            if (!closed && (r == 0 || r == runs.Count - 1)) continue;
            int before = (run.Start - 1 + n) % n, after = (run.Start + run.Count) % n;
            double length = 0;
            for (int k = -1; k < run.Count; k++)
                length += (points[k + 1 == run.Count ? after : run.At(k + 1, n)] - points[k < 0 ? before : run.At(k, n)]).Length;
            if (length < minLength)
                for (int k = 0; k < run.Count; k++) label[run.At(k, n)] = !shortOf;
        }
    }

    static List<CurveRun> Runs(bool[] label, bool closed)
    {
        int n = label.Length;
        int first = 0;
        if (closed)
        {
            // Start at a supported vertex whose predecessor is unsupported, so no run wraps past the start unseen.
            int start = -1;
            for (int i = 0; i < n; i++)
                if (label[i] && !label[(i - 1 + n) % n]) { start = i; break; }
            if (start < 0) return [new CurveRun(0, n, label[0])];
            first = start;
        }
        var runs = new List<CurveRun>();
        int runStart = first, count = 0;
        for (int k = 0; k < n; k++)
        {
            int i = (first + k) % n;
            if (count > 0 && label[i] != label[runStart])
            {
                runs.Add(new CurveRun(runStart, count, label[runStart]));
                runStart = i;
                count = 0;
            }
            count++;
        }
        runs.Add(new CurveRun(runStart, count, label[runStart]));
        return runs;
    }
}
