namespace Nlset.Geometry.Curves;

/// <summary>
/// A polyline being assembled by <see cref="CurveAssembly"/>: its points in order, open or closed (a closed piece does
/// not repeat its first point), and whether each open end has been traced along the data yet.
/// </summary>
internal sealed class CurvePiece(List<Vector3d> points, bool closed)
{
    public List<Vector3d> Points { get; } = points;
    public bool Closed { get; set; } = closed;
    public bool StartTraced { get; set; }
    public bool EndTraced { get; set; }

    public double Length
    {
        get
        {
            double length = 0;
            for (int i = 1; i < Points.Count; i++) length += (Points[i] - Points[i - 1]).Length;
            if (Closed && Points.Count > 1) length += (Points[0] - Points[^1]).Length;
            return length;
        }
    }

    /// <summary>Turns the piece around (its start becomes its end).</summary>
    public void Reverse()
    {
        Points.Reverse();
        (StartTraced, EndTraced) = (EndTraced, StartTraced);
    }

    /// <summary>Unit direction leaving the piece at its last point: from the point about <paramref name="arc"/> back along it.</summary>
    public Vector3d OutwardAtEnd(double arc) => Outward(Points, Points.Count - 1, -1, arc);

    /// <summary>Unit direction leaving the piece at its first point.</summary>
    public Vector3d OutwardAtStart(double arc) => Outward(Points, 0, +1, arc);

    /// <summary>Arc length from the first point to point <paramref name="index"/>.</summary>
    public double ArcTo(int index)
    {
        double length = 0;
        for (int i = 1; i <= index; i++) length += (Points[i] - Points[i - 1]).Length;
        return length;
    }

    /// <summary>Removes about <paramref name="arc"/> of length from the end (whole segments; at least one point stays).</summary>
    public void TrimEnd(double arc)
    {
        double removed = 0;
        while (Points.Count > 1 && removed + (Points[^1] - Points[^2]).Length <= arc)
        {
            removed += (Points[^1] - Points[^2]).Length;
            Points.RemoveAt(Points.Count - 1);
        }
    }

    public void TrimStart(double arc)
    {
        Points.Reverse();
        TrimEnd(arc);
        Points.Reverse();
    }

    static Vector3d Outward(List<Vector3d> points, int end, int inward, double arc)
    {
        int i = end;
        double length = 0;
        while (i + inward >= 0 && i + inward < points.Count && length < arc)
        {
            length += (points[i + inward] - points[i]).Length;
            i += inward;
        }
        return (points[end] - points[i]).Normalized();
    }
}
