using Nlset.Geometry.Spatial;

namespace Nlset.Geometry;

/// <summary>
/// Moves points (a mesh's vertices) onto the moving-least-squares surface of a clean point cloud (Levin 2003; Alexa et
/// al. 2003, "point set surfaces"), not in the paper: for each point, the Gaussian-weighted plane of its nearest cloud
/// points gives a local frame, a weighted quadratic height field z = a u² + b uv + c v² + d u + e v + f fitted in that
/// frame gives the surface (the quadric removes the plane's bias on curved parts, κh²/2), and the point moves along
/// the frame's normal onto it; repeated <see cref="Settings.Iterations"/> times from the moved point. A point does not
/// move when the fit is not trustworthy: fewer than six distinct neighbours, a plane steeper than
/// <see cref="Settings.MinNormalAgreement"/> to the point's own normal (an edge, two sheets), or a step longer than
/// <see cref="Settings.MaxStepSpacings"/> point spacings (another sheet).
/// </summary>
public static class MovingLeastSquaresProjection
{
    /// <param name="Neighbours">Cloud points in each fit.</param>
    /// <param name="BandwidthSpacings">Gaussian weight exp(−(r/h)²) with h this many median point spacings.</param>
    /// <param name="Iterations">Projections from the moved point.</param>
    /// <param name="MaxStepSpacings">Largest total move, in point spacings.</param>
    /// <param name="MinNormalAgreement">Least |cos| between the fitted plane's normal and the point's own normal.</param>
    public sealed record Settings(int Neighbours = 20, double BandwidthSpacings = 2, int Iterations = 2,
        double MaxStepSpacings = 3, double MinNormalAgreement = 0.7);

    /// <summary>The moved points and how many of them moved.</summary>
    public sealed record Result(Vector3d[] Points, int Moved, double MeanStep);

    /// <param name="points">What to move (e.g. a mesh's vertices), in the cloud's coordinates.</param>
    /// <param name="normals">Each point's own unit normal (e.g. the mesh's vertex normals); its sign does not matter.</param>
    /// <param name="cloud">The clean cloud whose surface the points move onto, and its k-d tree.</param>
    /// <param name="spacing">The cloud's median point spacing (<see cref="PointSpacing.Median"/>).</param>
    public static Result Apply(Vector3d[] points, Vector3d[] normals, Vector3d[] cloud, KdTree tree, double spacing, Settings settings)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(normals.Length, points.Length);
        if (!(spacing > 0)) throw new ArgumentOutOfRangeException(nameof(spacing), spacing, "must be positive");
        int k = Math.Min(settings.Neighbours, cloud.Length);
        var moved = new Vector3d[points.Length];
        if (k < 6)
        {
            Array.Copy(points, moved, points.Length);
            return new Result(moved, 0, 0);
        }
        double h = settings.BandwidthSpacings * spacing, maxStep = settings.MaxStepSpacings * spacing;
        int count = 0;
        double total = 0;
        object sum = new();
        Parallel.For(0, points.Length, () => (Count: 0, Total: 0.0, Indices: new int[k], Distances: new double[k]), (i, _, local) =>
        {
            var start = points[i];
            var current = start;
            bool ok = true;
            for (int iteration = 0; iteration < settings.Iterations && ok; iteration++)
            {
                tree.KNearest(current, k, local.Indices, local.Distances);
                ok = Project(current, normals[i], cloud, local.Indices, h, settings.MinNormalAgreement, out var next);
                if (ok) current = next;
            }
            double step = (current - start).Length;
            if (ok && step <= maxStep && current.IsFinite)
            {
                moved[i] = current;
                local.Count++;
                local.Total += step;
            }
            else moved[i] = start;
            return local;
        }, local =>
        {
            lock (sum)
            {
                count += local.Count;
                total += local.Total;
            }
        });
        return new Result(moved, count, count == 0 ? 0 : total / count);
    }

    /// <summary>One projection of <paramref name="x"/> onto the weighted quadric of its neighbours; false when not trustworthy.</summary>
    static bool Project(Vector3d x, Vector3d ownNormal, Vector3d[] cloud, int[] neighbours, double h, double minAgreement, out Vector3d projected)
    {
        projected = x;
        int k = neighbours.Length;
        Span<double> w = stackalloc double[k];
        double wSum = 0;
        var centroid = Vector3d.Zero;
        for (int j = 0; j < k; j++)
        {
            var p = cloud[neighbours[j]];
            double r = (p - x).Length / h;
            w[j] = Math.Exp(-r * r);
            wSum += w[j];
            centroid += p * w[j];
        }
        if (!(wSum > 1e-12)) return false;
        centroid /= wSum;
        double xx = 0, xy = 0, xz = 0, yy = 0, yz = 0, zz = 0;
        for (int j = 0; j < k; j++)
        {
            var d = cloud[neighbours[j]] - centroid;
            double wj = w[j] / wSum;
            xx += wj * d.X * d.X; xy += wj * d.X * d.Y; xz += wj * d.X * d.Z;
            yy += wj * d.Y * d.Y; yz += wj * d.Y * d.Z; zz += wj * d.Z * d.Z;
        }
        var plane = NeighbourhoodPlane.FromCovariance(centroid, [xx, xy, xz, yy, yz, zz]);
        var n = plane.Normal;
        if (Math.Abs(Vector3d.Dot(n, ownNormal)) < minAgreement) return false;
        // A frame (u, v, n) on the plane.
        var helper = Math.Abs(n.X) < 0.9 ? new Vector3d(1, 0, 0) : new Vector3d(0, 1, 0);
        var u = Vector3d.Cross(n, helper);
        u /= u.Length;
        var v = Vector3d.Cross(n, u);

        // Weighted least squares for z = a u² + b uv + c v² + d u + e v + f: normal equations (6 × 6), solved by Cholesky.
        Span<double> m = stackalloc double[36];
        Span<double> rhs = stackalloc double[6];
        Span<double> row = stackalloc double[6];
        m.Clear();
        rhs.Clear();
        // Scale coordinates by h so the system is well conditioned.
        for (int j = 0; j < k; j++)
        {
            var d = cloud[neighbours[j]] - centroid;
            double pu = Vector3d.Dot(d, u) / h, pv = Vector3d.Dot(d, v) / h, pz = Vector3d.Dot(d, n) / h;
            row[0] = pu * pu; row[1] = pu * pv; row[2] = pv * pv; row[3] = pu; row[4] = pv; row[5] = 1;
            for (int a = 0; a < 6; a++)
            {
                rhs[a] += w[j] * row[a] * pz;
                for (int b = 0; b <= a; b++) m[6 * a + b] += w[j] * row[a] * row[b];
            }
        }
        // A small ridge keeps the curvature terms bounded where the neighbours lie (nearly) on a line.
        for (int a = 0; a < 3; a++) m[6 * a + a] += 1e-6 * wSum;
        if (!CholeskySolve(m, rhs, 6)) return false;
        var r0 = x - centroid;
        double xu = Vector3d.Dot(r0, u) / h, xv = Vector3d.Dot(r0, v) / h;
        double z = rhs[0] * xu * xu + rhs[1] * xu * xv + rhs[2] * xv * xv + rhs[3] * xu + rhs[4] * xv + rhs[5];
        projected = centroid + (u * xu + v * xv + n * z) * h;
        return projected.IsFinite;
    }

    /// <summary>Solves m y = rhs in place for a symmetric positive definite m given by its lower triangle (row-major n × n).</summary>
    static bool CholeskySolve(Span<double> m, Span<double> rhs, int n)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = m[n * i + j];
                for (int p = 0; p < j; p++) s -= m[n * i + p] * m[n * j + p];
                if (i == j)
                {
                    if (!(s > 1e-300)) return false;
                    m[n * i + i] = Math.Sqrt(s);
                }
                else m[n * i + j] = s / m[n * j + j];
            }
        }
        for (int i = 0; i < n; i++)
        {
            double s = rhs[i];
            for (int p = 0; p < i; p++) s -= m[n * i + p] * rhs[p];
            rhs[i] = s / m[n * i + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = rhs[i];
            for (int p = i + 1; p < n; p++) s -= m[n * p + i] * rhs[p];
            rhs[i] = s / m[n * i + i];
        }
        return true;
    }
}
