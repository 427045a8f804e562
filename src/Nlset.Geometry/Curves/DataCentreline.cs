using Nlset.Geometry.Spatial;

namespace Nlset.Geometry.Curves;

/// <summary>
/// The centre line of a noisy curve sample, found locally by moving least squares: near a point q, the data within
/// <see cref="Radius"/> of q, weighted by a Gaussian of q's distance, is fitted by a line (<see cref="LineFit"/>), and q
/// is moved onto that line. Averaging over a stretch of the curve cancels most of the noise across it. Used to follow
/// the data where the network's curve leaves it (<see cref="CurveAssembly"/>).
/// </summary>
public sealed class DataCentreline
{
    /// <summary>Neighbours looked at per query; those beyond the radius are ignored.</summary>
    const int MaxNeighbours = 64;
    /// <summary>Moves onto the line per projection: the second fit, centred on the moved point, corrects the first's offset.</summary>
    const int Refits = 2;
    /// <summary>Steps looked ahead by <see cref="TryAdvance"/> before the data counts as ended.</summary>
    const int MaxJumps = 3;
    /// <summary>Projections that settle the start of <see cref="Follow"/> onto the centre line.</summary>
    const int SettleProjections = 3;

    readonly Vector3d[] _data;
    readonly KdTree _tree;
    readonly int[] _index = new int[MaxNeighbours];
    readonly double[] _distance = new double[MaxNeighbours];
    readonly Vector3d[] _near = new Vector3d[MaxNeighbours];
    readonly double[] _weight = new double[MaxNeighbours];

    /// <param name="radius">Neighbourhood radius: several noise deviations (to average across the curve) and well below the distance between strands.</param>
    /// <param name="minimumAhead">A projection needs at least this many data points within the radius ahead of the query
    /// (on the side its tangent points to); fewer means the data ended.</param>
    public DataCentreline(ReadOnlySpan<Vector3d> data, double radius, int minimumAhead = 3)
    {
        if (data.IsEmpty) throw new ArgumentException("a centre line needs data", nameof(data));
        if (!(radius > 0) || !double.IsFinite(radius)) throw new ArgumentOutOfRangeException(nameof(radius), radius, "must be positive");
        if (minimumAhead < 1) throw new ArgumentOutOfRangeException(nameof(minimumAhead), minimumAhead, "must be at least 1");
        _data = data.ToArray();
        _tree = new KdTree(data);
        Radius = radius;
        MinimumAhead = minimumAhead;
    }

    public double Radius { get; }
    public int MinimumAhead { get; }

    /// <summary>Distance from <paramref name="p"/> to the nearest data point.</summary>
    public double DistanceToData(Vector3d p)
    {
        _tree.Nearest(p, out double d);
        return d;
    }

    /// <summary>
    /// Moves <paramref name="q"/> onto the local centre line. False (and no fit) when fewer than <see cref="MinimumAhead"/>
    /// data points lie within the radius on the side <paramref name="tangent"/> points to: the data ends before q.
    /// The fit's direction points to the side of <paramref name="tangent"/>.
    /// </summary>
    public bool TryProject(Vector3d q, Vector3d tangent, out Vector3d projected, out LineFit fit) =>
        TryProject(q, tangent, requireAhead: true, out projected, out fit);

    bool TryProject(Vector3d q, Vector3d tangent, bool requireAhead, out Vector3d projected, out LineFit fit)
    {
        projected = q;
        fit = default;
        int ahead = 0, count = Gather(q);
        for (int i = 0; i < count; i++)
            if (!requireAhead || Vector3d.Dot(_near[i] - q, tangent) >= 0) ahead++;
        if (ahead < MinimumAhead) return false;
        var direction = tangent;
        for (int pass = 0; pass < Refits; pass++)
        {
            if (pass > 0) count = Gather(projected);
            if (count < 2) return false;
            fit = LineFit.Of(_near.AsSpan(0, count), _weight.AsSpan(0, count), direction);
            direction = fit.Direction;
            projected = fit.Nearest(projected);
        }
        return true;
    }

    /// <summary>
    /// How far the data's centre line can be followed from <paramref name="from"/> in <paramref name="direction"/>, in
    /// steps of half a radius, up to <paramref name="distance"/> (path length; 0 when there is no data at the start). The
    /// start is settled onto the centre line first (projections without the look ahead), so it may lie off the data.
    /// </summary>
    public double Follow(Vector3d from, Vector3d direction, double distance)
    {
        var at = from;
        LineFit fit = default;
        for (int k = 0; k < SettleProjections; k++)
            if (!TryProject(at, direction, requireAhead: false, out at, out fit)) return 0;
        double followed = 0;
        while (followed < distance)
        {
            direction = fit.Direction;
            if (!TryAdvance(at, direction, Radius / 2, out var next, out fit)) break;
            followed += (next - at).Length;
            at = next;
        }
        return Math.Min(followed, distance);
    }

    /// <summary>
    /// One step along the centre line from <paramref name="at"/> (on it): projects the point <paramref name="step"/>
    /// ahead, and where the data is too thin there, the points 2 and 3 steps ahead, so that a sparse patch of a random
    /// sample (a few missing points) is stepped over while a real end of the data (nothing for 1.5 radii) is not.
    /// False when every try failed, or the projection fell back behind <paramref name="at"/>.
    /// </summary>
    public bool TryAdvance(Vector3d at, Vector3d direction, double step, out Vector3d next, out LineFit fit)
    {
        for (int jump = 1; jump <= MaxJumps; jump++)
            if (TryProject(at + direction * (jump * step), direction, out next, out fit))
                return Vector3d.Dot(next - at, direction) >= step / 4;
        next = at;
        fit = default;
        return false;
    }

    /// <summary>The data within the radius of <paramref name="q"/> into _near with Gaussian weights (σ = radius / 2); returns how many.</summary>
    int Gather(Vector3d q)
    {
        int k = Math.Min(MaxNeighbours, _data.Length);
        _tree.KNearest(q, k, _index, _distance);
        double inverse = 2 / (Radius * Radius);     // exp(−d² / (2 (r/2)²))
        int count = 0;
        for (int i = 0; i < k && _distance[i] <= Radius; i++)
        {
            _near[count] = _data[_index[i]];
            _weight[count] = Math.Exp(-_distance[i] * _distance[i] * inverse);
            count++;
        }
        return count;
    }
}
