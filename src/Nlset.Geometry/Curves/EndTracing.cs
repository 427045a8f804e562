namespace Nlset.Geometry.Curves;

/// <summary>
/// Follows the data from each open end of the pieces (<see cref="DataCentreline.TryAdvance"/>): step ahead along the
/// current direction, move onto the data's local centre line, take the fitted line's direction, repeat — until the
/// data ends, or the trace reaches another piece. Where the network's curve left the data (a detour dropped by
/// <see cref="SupportedPieces"/>), this carries the curve on along the data to the piece on the other side and joins
/// the two; where the data itself ends, the end stays open there. A trace that meets a piece anywhere but near one of
/// its open ends, or meets an end it does not head into, stops short of it: a curve has no branch points. Closed pieces are neither obstacles nor targets (a small closed loop along a strand repeats what
/// the trace will draw; <see cref="DuplicateCurves"/> removes it afterwards).
/// </summary>
internal sealed class EndTracing(DataCentreline centreline, double hitDistance, double step, int maxSteps)
{
    /// <summary>
    /// A trace joins an end it reaches when it heads into the piece there (turn below 90°: not back out along it).
    /// Reaching within the support distance of an end already means following the same strand of data — strands of a
    /// curve are far apart compared with that — while the network's curve near an end can still bend by 60–70° where it
    /// had begun to leave the data (measured on a trefoil network trained for 600 steps), so the gap rule's 60° would
    /// leave such curves open.
    /// </summary>
    const double MaxJoinTurnDegrees = 90;

    /// <summary>Arc length near an end within which a trace arriving there joins that end, in steps.</summary>
    const double EndZoneSteps = 4;
    /// <summary>The traced piece's own points within this many steps of the traced end are not obstacles (the trace starts among them).</summary>
    const double OwnExclusionSteps = 4;

    public int Traces { get; private set; }
    public double TracedLength { get; private set; }
    public int Joins { get; private set; }

    /// <summary>Traces every open end once; pieces are joined (and removed from the list) in place.</summary>
    public void Run(List<CurvePiece> pieces)
    {
        while (true)
        {
            var piece = pieces.FirstOrDefault(p => !p.Closed && (!p.StartTraced || !p.EndTraced));
            if (piece is null) return;
            if (piece.EndTraced) piece.Reverse();
            piece.EndTraced = true;
            TraceEnd(piece, pieces);
        }
    }

    void TraceEnd(CurvePiece piece, List<CurvePiece> pieces)
    {
        var direction = piece.OutwardAtEnd(EndZoneSteps * step / 2);
        var at = piece.Points[^1];
        var trace = new List<Vector3d>();
        int ownLimit = OwnExclusionStart(piece);
        for (int k = 0; k < maxSteps; k++)
        {
            if (!centreline.TryAdvance(at, direction, step, out var next, out var fit)) break;
            var hit = Nearest(pieces, piece, ownLimit, next);
            if (hit is { } h)
            {
                if (TryJoin(piece, trace, h.Piece, h.Index, fit.Direction, pieces)) return;
                break;
            }
            trace.Add(next);
            at = next;
            direction = fit.Direction;
        }
        Extend(piece, trace);
    }

    void Extend(CurvePiece piece, List<Vector3d> trace)
    {
        if (trace.Count == 0) return;
        Traces++;
        TracedLength += (trace[0] - piece.Points[^1]).Length + PathLength(trace);
        piece.Points.AddRange(trace);
    }

    /// <summary>
    /// Joins the trace (leaving <paramref name="piece"/>'s end) to <paramref name="target"/> when the hit point lies near
    /// one of target's open ends and the trace heads into it.
    /// </summary>
    bool TryJoin(CurvePiece piece, List<Vector3d> trace, CurvePiece target, int index, Vector3d heading, List<CurvePiece> pieces)
    {
        double zone = EndZoneSteps * step;
        double fromStart = target.ArcTo(index), toEnd = target.Length - fromStart;
        bool atStart = fromStart <= zone && GapCompletionRule.Turn(heading, -target.OutwardAtStart(zone / 2)) < MaxJoinTurnDegrees;
        bool atEnd = !atStart && toEnd <= zone && GapCompletionRule.Turn(heading, -target.OutwardAtEnd(zone / 2)) < MaxJoinTurnDegrees;
        if (!atStart && !atEnd) return false;
        Extend(piece, trace);
        Joins++;
        if (ReferenceEquals(target, piece))
        {
            // The trace came round to the piece's own start: the curve closes.
            piece.Points.RemoveRange(0, index);
            piece.Closed = true;
            return true;
        }
        if (atEnd)
        {
            target.Reverse();
            index = target.Points.Count - 1 - index;
        }
        piece.Points.AddRange(target.Points.Skip(index));
        piece.EndTraced = target.EndTraced;
        pieces.Remove(target);
        return true;
    }

    /// <summary>The nearest point within the hit distance of <paramref name="p"/> on an open piece (not the traced end's own neighbourhood).</summary>
    (CurvePiece Piece, int Index)? Nearest(List<CurvePiece> pieces, CurvePiece own, int ownLimit, Vector3d p)
    {
        double best = hitDistance * hitDistance;
        (CurvePiece, int)? hit = null;
        foreach (var candidate in pieces)
        {
            if (candidate.Closed) continue;
            int count = ReferenceEquals(candidate, own) ? ownLimit : candidate.Points.Count;
            for (int i = 0; i < count; i++)
            {
                double d = (candidate.Points[i] - p).LengthSquared;
                if (d <= best) { best = d; hit = (candidate, i); }
            }
        }
        return hit;
    }

    /// <summary>Index of the first of the piece's own points that are too close (along it) to the traced end to count as obstacles.</summary>
    int OwnExclusionStart(CurvePiece piece)
    {
        double length = 0, limit = OwnExclusionSteps * step;
        int i = piece.Points.Count - 1;
        while (i > 0 && length < limit)
        {
            length += (piece.Points[i] - piece.Points[i - 1]).Length;
            i--;
        }
        return length < limit ? 0 : i + 1;
    }

    static double PathLength(List<Vector3d> points)
    {
        double length = 0;
        for (int i = 1; i < points.Count; i++) length += (points[i] - points[i - 1]).Length;
        return length;
    }
}
