namespace Nlset.Geometry.Curves;

/// <summary>
/// The weighted least-squares line through a set of points: their weighted centroid and the principal direction of
/// their weighted covariance (the eigenvector of its largest eigenvalue), and the spread across that line. A sample of a
/// curve looks like a line at a small enough scale, so this is the local model behind <see cref="CloudScale"/> (the
/// spread across is the noise) and <see cref="DataCentreline"/> (the centroid and direction are the curve).
/// </summary>
/// <param name="Centroid">Weighted mean of the points.</param>
/// <param name="Direction">Unit principal direction (sign: the side of the initial guess given to <see cref="Of"/>).</param>
/// <param name="AcrossVariance">Weighted mean squared distance of the points from the line (sum of the two smaller eigenvalues).</param>
public readonly record struct LineFit(Vector3d Centroid, Vector3d Direction, double AcrossVariance)
{
    /// <summary>Power iterations: the ratio of the two largest eigenvalues of a curve sample is large, so a few dozen are plenty.</summary>
    const int PowerIterations = 40;

    /// <param name="guess">A start for the direction (e.g. the current tangent); the result points to its side. Any non-zero vector.</param>
    /// <exception cref="ArgumentException">No points, weights not matching, or a total weight that is not positive.</exception>
    public static LineFit Of(ReadOnlySpan<Vector3d> points, ReadOnlySpan<double> weights, Vector3d guess)
    {
        if (points.IsEmpty) throw new ArgumentException("a line fit needs at least one point", nameof(points));
        if (weights.Length != points.Length) throw new ArgumentException($"{weights.Length} weights for {points.Length} points", nameof(weights));
        double total = 0;
        var centroid = Vector3d.Zero;
        for (int i = 0; i < points.Length; i++)
        {
            total += weights[i];
            centroid += points[i] * weights[i];
        }
        if (!(total > 0)) throw new ArgumentException("the weights must add up to a positive number", nameof(weights));
        centroid /= total;

        double xx = 0, xy = 0, xz = 0, yy = 0, yz = 0, zz = 0;
        for (int i = 0; i < points.Length; i++)
        {
            var d = points[i] - centroid;
            double w = weights[i] / total;
            xx += w * d.X * d.X; xy += w * d.X * d.Y; xz += w * d.X * d.Z;
            yy += w * d.Y * d.Y; yz += w * d.Y * d.Z; zz += w * d.Z * d.Z;
        }
        var v = guess.LengthSquared > 0 ? guess.Normalized() : new Vector3d(1, 0, 0);
        for (int k = 0; k < PowerIterations; k++)
        {
            var next = new Vector3d(xx * v.X + xy * v.Y + xz * v.Z, xy * v.X + yy * v.Y + yz * v.Z, xz * v.X + yz * v.Y + zz * v.Z);
            // A guess exactly orthogonal to the principal direction (or all points equal) stalls: restart from an axis.
            if (next.LengthSquared < 1e-300) next = k == 0 ? new Vector3d(1, 1, 1) : v;
            v = next.Normalized();
        }
        if (Vector3d.Dot(v, guess) < 0) v = -v;
        double along = xx * v.X * v.X + yy * v.Y * v.Y + zz * v.Z * v.Z + 2 * (xy * v.X * v.Y + xz * v.X * v.Z + yz * v.Y * v.Z);
        return new LineFit(centroid, v, Math.Max(0, xx + yy + zz - along));
    }

    /// <summary>The point of the line nearest to <paramref name="p"/>.</summary>
    public Vector3d Nearest(Vector3d p) => Centroid + Direction * Vector3d.Dot(p - Centroid, Direction);
}
