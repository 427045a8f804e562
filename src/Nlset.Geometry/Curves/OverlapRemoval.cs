namespace Nlset.Geometry.Curves;

/// <summary>
/// Cuts away the stretches of pieces that run over curve already kept. Where the network's curve leaves the data it
/// often first doubles back along the strand it was on (a hairpin), and small closed loops lie along strands as two
/// close sides; traced as they are, these would draw a strand twice. Pieces are taken longest first and walked in
/// order; a point is overlapped when it lies within <c>distance</c> of a point already kept — of another piece, or of
/// its own piece but more than <c>exclusion</c> away along it (nearby points of a curve are always close). Overlapped
/// points are removed, which splits a piece into runs; runs shorter than <c>minLength</c> are dropped.
/// </summary>
internal static class OverlapRemoval
{
    /// <returns>The length removed (overlapping stretches and the runs too short to keep).</returns>
    public static double Run(List<CurvePiece> pieces, double distance, double exclusion, double minLength)
    {
        var kept = new List<(Vector3d Point, CurvePiece Owner, double Arc)>();
        var result = new List<CurvePiece>();
        double limit = distance * distance;
        double before = pieces.Sum(p => p.Length);
        foreach (var piece in pieces.OrderByDescending(p => p.Length).ToList())
        {
            var points = piece.Points;
            double length = piece.Length, arc = 0;
            var overlapped = new bool[points.Count];
            for (int i = 0; i < points.Count; i++)
            {
                if (i > 0) arc += (points[i] - points[i - 1]).Length;
                foreach (var (q, owner, at) in kept)
                {
                    if ((q - points[i]).LengthSquared > limit) continue;
                    if (ReferenceEquals(owner, piece))
                    {
                        double apart = Math.Abs(arc - at);
                        if (piece.Closed) apart = Math.Min(apart, length - apart);
                        if (apart <= exclusion) continue;
                    }
                    overlapped[i] = true;
                    break;
                }
                if (!overlapped[i]) kept.Add((points[i], piece, arc));
            }
            result.AddRange(Split(piece, overlapped, minLength));
        }
        pieces.Clear();
        pieces.AddRange(result);
        return before - pieces.Sum(p => p.Length);
    }

    /// <summary>The runs of points not overlapped, as pieces (a closed piece without overlaps stays whole).</summary>
    static IEnumerable<CurvePiece> Split(CurvePiece piece, bool[] overlapped, double minLength)
    {
        if (!overlapped.Any(o => o))
        {
            yield return piece;
            yield break;
        }
        var runs = new List<List<Vector3d>>();
        List<Vector3d>? current = null;
        for (int i = 0; i < overlapped.Length; i++)
        {
            if (overlapped[i]) { current = null; continue; }
            if (current is null) runs.Add(current = []);
            current.Add(piece.Points[i]);
        }
        // Around a closed piece the last run continues into the first.
        if (piece.Closed && runs.Count > 1 && !overlapped[0] && !overlapped[^1])
        {
            runs[^1].AddRange(runs[0]);
            runs.RemoveAt(0);
        }
        foreach (var run in runs)
        {
            var part = new CurvePiece(run, closed: false);
            if (part.Length >= minLength) yield return part;
        }
    }
}
