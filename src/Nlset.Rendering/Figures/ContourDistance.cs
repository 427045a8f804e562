namespace Nlset.Rendering.Figures;

/// <summary>Euclidean distance from a point to the nearest of a set of polylines (e.g. a decision boundary traced by <see cref="MarchingSquares"/>).</summary>
public static class ContourDistance
{
    /// <summary>+∞ when there are no segments.</summary>
    public static double To(IReadOnlyList<(double X, double Y)[]> lines, double x, double y)
    {
        double best = double.PositiveInfinity;
        foreach (var line in lines)
            for (int k = 0; k + 1 < line.Length; k++)
            {
                var (ax, ay) = line[k];
                var (bx, by) = line[k + 1];
                double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
                double t = l2 > 0 ? Math.Clamp(((x - ax) * dx + (y - ay) * dy) / l2, 0, 1) : 0;
                double ex = x - (ax + t * dx), ey = y - (ay + t * dy);
                best = Math.Min(best, Math.Sqrt(ex * ex + ey * ey));
            }
        return best;
    }
}
