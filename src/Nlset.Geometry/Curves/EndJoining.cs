namespace Nlset.Geometry.Curves;

/// <summary>
/// Joins open ends that face each other across a short hole by a straight segment: pairs of ends at most
/// <c>maxDistance</c> apart where each end's outward direction turns by at most <c>maxTurnDegrees</c> to point at the
/// other, nearest pairs first. The two ends of one piece join too (closing it) when the piece is much longer than the
/// hole. Ends that are far apart or turned away stay open: an open curve stays open.
/// </summary>
internal static class EndJoining
{
    /// <summary>A piece closes on itself only when it is at least this many times longer than the segment that would close it.</summary>
    const double CloseLengthRatio = 4;

    /// <param name="arc">Arc length over which an end's direction is measured.</param>
    /// <returns>How many joins were made.</returns>
    public static int Run(List<CurvePiece> pieces, double maxDistance, double maxTurnDegrees, double arc)
    {
        int joins = 0;
        while (true)
        {
            var best = BestPair(pieces, maxDistance, maxTurnDegrees, arc);
            if (best is not { } pair) return joins;
            joins++;
            var (a, aAtEnd, b, bAtEnd) = pair;
            if (ReferenceEquals(a, b))
            {
                a.Closed = true;
                continue;
            }
            if (!aAtEnd) a.Reverse();                 // a now ends at the joined end
            if (bAtEnd) b.Reverse();                  // b now starts at it
            a.Points.AddRange(b.Points);
            a.EndTraced = b.EndTraced;
            pieces.Remove(b);
        }
    }

    static (CurvePiece A, bool AAtEnd, CurvePiece B, bool BAtEnd)? BestPair(List<CurvePiece> pieces, double maxDistance, double maxTurnDegrees, double arc)
    {
        var ends = new List<(CurvePiece Piece, bool AtEnd, Vector3d Point, Vector3d Out)>();
        foreach (var p in pieces)
        {
            if (p.Closed || p.Points.Count < 2) continue;
            ends.Add((p, false, p.Points[0], p.OutwardAtStart(arc)));
            ends.Add((p, true, p.Points[^1], p.OutwardAtEnd(arc)));
        }
        double bestDistance = maxDistance;
        (CurvePiece, bool, CurvePiece, bool)? best = null;
        for (int i = 0; i < ends.Count; i++)
            for (int j = i + 1; j < ends.Count; j++)
            {
                var (e, f) = (ends[i], ends[j]);
                var gap = f.Point - e.Point;
                double distance = gap.Length;
                if (distance > bestDistance) continue;
                if (ReferenceEquals(e.Piece, f.Piece) && e.Piece.Length < CloseLengthRatio * distance) continue;
                if (distance > 0 && (GapCompletionRule.Turn(e.Out, gap) > maxTurnDegrees || GapCompletionRule.Turn(f.Out, -gap) > maxTurnDegrees)) continue;
                bestDistance = distance;
                best = (e.Piece, e.AtEnd, f.Piece, f.AtEnd);
            }
        return best;
    }
}
