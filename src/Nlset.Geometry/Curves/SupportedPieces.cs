namespace Nlset.Geometry.Curves;

/// <summary>
/// Cuts one extracted polyline into the pieces the data supports: its supported runs (<see cref="SupportedRuns"/>),
/// joined through the unsupported runs that <see cref="GapCompletionRule"/> keeps as gap completions; every other
/// unsupported run is dropped. A closed polyline whose unsupported runs are all kept stays one closed piece.
/// </summary>
internal static class SupportedPieces
{
    /// <summary>What was dropped and kept of the unsupported runs.</summary>
    public record struct Tally(int Dropped, double DroppedLength, int Completions, double CompletionLength);

    /// <param name="points">The polyline (closed: first point not repeated).</param>
    /// <param name="arc">Arc length over which directions are measured.</param>
    public static List<CurvePiece> Cut(Vector3d[] points, bool closed, IReadOnlyList<CurveRun> runs, DataCentreline centreline,
        GapCompletionRule rule, double supportedLength, double arc, ref Tally tally)
    {
        int n = points.Length;
        var pieces = new List<CurvePiece>();
        if (runs.Count == 1)
        {
            if (runs[0].Supported) pieces.Add(new CurvePiece([.. points], closed));
            else { tally.Dropped++; tally.DroppedLength += Length(points, closed); }
            return pieces;
        }

        var kept = new bool[runs.Count];
        for (int r = 0; r < runs.Count; r++)
        {
            if (runs[r].Supported) { kept[r] = true; continue; }
            bool interior = closed || (r > 0 && r < runs.Count - 1);
            double length = RunLength(points, runs[r], closed, n);
            if (interior && rule.Keeps(Candidate(points, closed, runs[r], centreline, arc), supportedLength))
            {
                kept[r] = true;
                tally.Completions++;
                tally.CompletionLength += length;
            }
            else { tally.Dropped++; tally.DroppedLength += length; }
        }

        List<Vector3d>? current = null;
        for (int r = 0; r < runs.Count; r++)
        {
            if (!kept[r])
            {
                if (current != null) pieces.Add(new CurvePiece(current, closed: false));
                current = null;
                continue;
            }
            current ??= [];
            for (int k = 0; k < runs[r].Count; k++) current.Add(points[runs[r].At(k, n)]);
        }
        if (current != null) pieces.Add(new CurvePiece(current, closed: false));
        // Around a closed polyline the last run leads back into the first (which is supported, SupportedRuns' order).
        if (closed && kept[^1])
        {
            if (kept.All(k => k)) return [new CurvePiece(pieces[0].Points, closed: true)];
            pieces[^1].Points.AddRange(pieces[0].Points);
            pieces.RemoveAt(0);
        }
        return pieces;
    }

    /// <summary>The unsupported run between supported vertices A (before it) and B (after it) as the gap rule sees it.</summary>
    static GapCandidate Candidate(Vector3d[] points, bool closed, CurveRun run, DataCentreline centreline, double arc)
    {
        int n = points.Length;
        int a = (run.Start - 1 + n) % n, b = (run.Last(n) + 1) % n;
        var beforeA = Walk(points, closed, a, -1, arc);
        var afterB = Walk(points, closed, b, +1, arc);
        var arriveA = points[a] - beforeA;
        var leaveA = Walk(points, closed, a, +1, arc) - points[a];
        var arriveB = points[b] - Walk(points, closed, b, -1, arc);
        var leaveB = afterB - points[b];
        return new GapCandidate(RunLength(points, run, closed, n),
            GapCompletionRule.Turn(arriveA, leaveA), GapCompletionRule.Turn(arriveB, leaveB),
            !DataGoesPast(centreline, beforeA, points[a]), !DataGoesPast(centreline, afterB, points[b]));
    }

    /// <summary>
    /// Whether the data goes on at least a radius past the supported end <paramref name="end"/>, followed from the
    /// supported point <paramref name="behind"/> it: starting on the data behind the end, rather than at the end (where
    /// the network's curve is already leaving the data, often through a few stray noisy points), keeps the direction right.
    /// </summary>
    static bool DataGoesPast(DataCentreline centreline, Vector3d behind, Vector3d end)
    {
        var along = end - behind;
        double reach = along.Length + centreline.Radius;
        return centreline.Follow(behind, along, reach) >= reach;
    }

    /// <summary>The point about <paramref name="arc"/> along the polyline from vertex <paramref name="from"/> in direction ±1 (stops at an open end).</summary>
    static Vector3d Walk(Vector3d[] points, bool closed, int from, int direction, double arc)
    {
        int n = points.Length, i = from;
        double length = 0;
        for (int k = 0; k < n - 1 && length < arc; k++)
        {
            int next = i + direction;
            if (closed) next = (next + n) % n;
            else if (next < 0 || next >= n) break;
            length += (points[next] - points[i]).Length;
            i = next;
        }
        return points[i];
    }

    /// <summary>Arc length of an unsupported run from the supported vertex before it to the one after it.</summary>
    static double RunLength(Vector3d[] points, CurveRun run, bool closed, int n)
    {
        double length = 0;
        int from = run.Start - 1, to = run.Start + run.Count;
        for (int i = from; i < to; i++)
        {
            if (!closed && (i < 0 || i + 1 >= n)) continue;
            length += (points[(i + 1 + n) % n] - points[(i + n) % n]).Length;
        }
        return length;
    }

    static double Length(Vector3d[] points, bool closed)
    {
        double length = 0;
        for (int i = 1; i < points.Length; i++) length += (points[i] - points[i - 1]).Length;
        if (closed && points.Length > 1) length += (points[0] - points[^1]).Length;
        return length;
    }
}
