namespace Nlset.Geometry.Curves;

/// <summary>
/// Smooths polylines along their length: each is resampled at even arc-length spacing (so that the dense network
/// vertices and the sparser traced points weigh alike), then every point is replaced by the Gaussian-weighted mean of
/// the points within 3σ of arc length of it. A closed curve wraps around; on an open one the window is cut to the same
/// length on both sides of a point, so the ends stay where they are and do not shrink inwards. The curve fitted to
/// noisy data wiggles with the noise; averaging over a stretch of length σ removes the wiggle and costs a bias of about
/// κσ²/2 where the curve bends with curvature κ.
/// </summary>
public static class CurveSmoothing
{
    /// <summary>Resampled points per σ: enough that the Gaussian sum is smooth (spacing σ/4).</summary>
    const int PointsPerSigma = 4;

    /// <param name="sigma">Standard deviation of the Gaussian, in arc length; 0 returns the curves unchanged.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite sigma.</exception>
    public static Mesh Smooth(Mesh curves, double sigma)
    {
        ArgumentNullException.ThrowIfNull(curves);
        if (!(sigma >= 0) || !double.IsFinite(sigma)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "must be a non-negative length");
        if (sigma == 0) return curves;
        var vertices = new List<Vector3d>();
        var lines = new List<int[]>();
        foreach (var line in curves.Polylines)
        {
            bool closed = PolylineChains.IsClosed(line);
            var points = (closed ? line[..^1] : line).Select(i => curves.Vertices[i]).ToArray();
            var even = Resample(points, closed, sigma / PointsPerSigma);
            var smooth = Gaussian(even, closed, sigma / PointsPerSigma, sigma);
            int first = vertices.Count;
            vertices.AddRange(smooth);
            var indices = Enumerable.Range(first, smooth.Length);
            lines.Add(closed && smooth.Length > 2 ? [.. indices, first] : [.. indices]);
        }
        return new Mesh([.. vertices], polylines: lines) { Comments = [.. curves.Comments] };
    }

    /// <summary>
    /// Points at even arc-length spacing of about <paramref name="spacing"/> (the whole length divided into equal parts),
    /// ends kept on an open polyline; a closed one is walked once around.
    /// </summary>
    public static Vector3d[] Resample(Vector3d[] points, bool closed, double spacing)
    {
        if (points.Length < 2) return [.. points];
        var walk = closed ? [.. points, points[0]] : points;
        var arc = new double[walk.Length];
        for (int i = 1; i < walk.Length; i++) arc[i] = arc[i - 1] + (walk[i] - walk[i - 1]).Length;
        double length = arc[^1];
        if (!(length > 0)) return [points[0]];
        int parts = Math.Max(closed ? 3 : 1, (int)Math.Round(length / spacing));
        var result = new Vector3d[closed ? parts : parts + 1];
        int segment = 0;
        for (int k = 0; k < result.Length; k++)
        {
            double at = length * k / parts;
            while (segment < walk.Length - 2 && arc[segment + 1] < at) segment++;
            double span = arc[segment + 1] - arc[segment];
            double t = span > 0 ? (at - arc[segment]) / span : 0;
            result[k] = walk[segment] + (walk[segment + 1] - walk[segment]) * Math.Clamp(t, 0, 1);
        }
        if (!closed) result[^1] = points[^1];
        return result;
    }

    /// <summary>Gaussian means over evenly spaced points (spacing <paramref name="spacing"/>).</summary>
    static Vector3d[] Gaussian(Vector3d[] points, bool closed, double spacing, double sigma)
    {
        int n = points.Length;
        int half = (int)Math.Ceiling(3 * sigma / spacing);
        var weights = new double[half + 1];
        for (int j = 0; j <= half; j++) weights[j] = Math.Exp(-0.5 * Math.Pow(j * spacing / sigma, 2));
        var result = new Vector3d[n];
        for (int i = 0; i < n; i++)
        {
            int reach = closed ? Math.Min(half, (n - 1) / 2) : Math.Min(half, Math.Min(i, n - 1 - i));
            var sum = points[i] * weights[0];
            double total = weights[0];
            for (int j = 1; j <= reach; j++)
            {
                var before = points[closed ? (i - j + n) % n : i - j];
                var after = points[closed ? (i + j) % n : i + j];
                sum += (before + after) * weights[j];
                total += 2 * weights[j];
            }
            result[i] = sum / total;
        }
        return result;
    }
}
