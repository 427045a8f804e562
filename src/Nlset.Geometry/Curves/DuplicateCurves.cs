using Nlset.Geometry.Spatial;

namespace Nlset.Geometry.Curves;

/// <summary>
/// Drops pieces that repeat longer ones: longest first, a piece is kept unless at least <c>share</c> of its length lies
/// within <c>distance</c> of the pieces already kept. A network's curve leaves small closed loops along the strands it
/// detours from; once the detour is replaced by the data's centre line they lie on top of it.
/// </summary>
internal static class DuplicateCurves
{
    /// <returns>The number and total length of the pieces dropped.</returns>
    public static (int Count, double Length) Remove(List<CurvePiece> pieces, double distance, double share)
    {
        var ordered = pieces.OrderByDescending(p => p.Length).ToList();
        var kept = new List<CurvePiece>();
        var keptPoints = new List<Vector3d>();
        int dropped = 0;
        double droppedLength = 0;
        foreach (var piece in ordered)
        {
            if (keptPoints.Count > 0 && ShareNear(piece, new KdTree([.. keptPoints]), distance) >= share)
            {
                dropped++;
                droppedLength += piece.Length;
                continue;
            }
            kept.Add(piece);
            // Densified to a quarter of the distance, so that a point near a kept segment is near one of its points.
            keptPoints.AddRange(Densified(piece, distance / 4));
        }
        pieces.Clear();
        pieces.AddRange(kept);
        return (dropped, droppedLength);
    }

    /// <summary>The share of the piece's length (each segment weighted by its length) whose midpoints lie within the distance.</summary>
    static double ShareNear(CurvePiece piece, KdTree kept, double distance)
    {
        var points = piece.Points;
        int segments = piece.Closed ? points.Count : points.Count - 1;
        if (segments <= 0)
        {
            kept.Nearest(points[0], out double d);
            return d <= distance ? 1 : 0;
        }
        double near = 0, total = 0;
        for (int i = 0; i < segments; i++)
        {
            var a = points[i];
            var b = points[(i + 1) % points.Count];
            double length = (b - a).Length;
            kept.Nearest((a + b) / 2, out double d);
            total += length;
            if (d <= distance) near += length;
        }
        return total > 0 ? near / total : 1;
    }

    static IEnumerable<Vector3d> Densified(CurvePiece piece, double spacing)
    {
        var points = piece.Points;
        int segments = piece.Closed ? points.Count : points.Count - 1;
        if (points.Count == 1) yield return points[0];
        for (int i = 0; i < segments; i++)
        {
            var a = points[i];
            var b = points[(i + 1) % points.Count];
            int parts = Math.Max(1, (int)Math.Ceiling((b - a).Length / spacing));
            for (int k = 0; k < parts; k++) yield return a + (b - a) * ((double)k / parts);
        }
        if (!piece.Closed) yield return points[^1];
    }
}
