namespace Nlset.Geometry;

/// <summary>
/// The principal components of a set of neighbouring points: their centroid, the eigenvalues of their covariance
/// (ascending) and the unit normal, the eigenvector of the smallest eigenvalue — the least-squares plane through them.
/// </summary>
public readonly record struct NeighbourhoodPlane(Vector3d Centroid, Vector3d Normal, double Low, double Mid, double High)
{
    public static NeighbourhoodPlane Fit(Vector3d[] points, ReadOnlySpan<int> neighbours)
    {
        var mean = Vector3d.Zero;
        foreach (var j in neighbours) mean += points[j];
        mean /= neighbours.Length;
        double xx = 0, xy = 0, xz = 0, yy = 0, yz = 0, zz = 0;
        foreach (var j in neighbours)
        {
            var d = points[j] - mean;
            xx += d.X * d.X; xy += d.X * d.Y; xz += d.X * d.Z;
            yy += d.Y * d.Y; yz += d.Y * d.Z; zz += d.Z * d.Z;
        }
        double n = neighbours.Length;
        return FromCovariance(mean, [xx / n, xy / n, xz / n, yy / n, yz / n, zz / n]);
    }

    /// <summary>The plane of a centroid and a covariance given as its upper triangle (xx, xy, xz, yy, yz, zz), e.g. a weighted one.</summary>
    public static NeighbourhoodPlane FromCovariance(Vector3d centroid, double[] covariance)
    {
        var (low, mid, high) = SymmetricEigenvalues3.Of(covariance);
        return new NeighbourhoodPlane(centroid, EigenvectorOf(covariance, low), low, mid, high);
    }

    /// <summary>
    /// A unit eigenvector for eigenvalue λ: orthogonal to every row of A − λI, so the largest cross product of two rows.
    /// When λ is (nearly) repeated the rows are (nearly) parallel and any vector orthogonal to them will do.
    /// </summary>
    static Vector3d EigenvectorOf(double[] m, double lambda)
    {
        var r0 = new Vector3d(m[0] - lambda, m[1], m[2]);
        var r1 = new Vector3d(m[1], m[3] - lambda, m[4]);
        var r2 = new Vector3d(m[2], m[4], m[5] - lambda);
        var c01 = Vector3d.Cross(r0, r1);
        var c02 = Vector3d.Cross(r0, r2);
        var c12 = Vector3d.Cross(r1, r2);
        var best = c01;
        if (c02.LengthSquared > best.LengthSquared) best = c02;
        if (c12.LengthSquared > best.LengthSquared) best = c12;
        if (best.LengthSquared > 0) return best / best.Length;
        // Rank ≤ 1: any vector orthogonal to the largest row.
        var row = r0.LengthSquared >= r1.LengthSquared ? (r0.LengthSquared >= r2.LengthSquared ? r0 : r2) : (r1.LengthSquared >= r2.LengthSquared ? r1 : r2);
        if (row.LengthSquared == 0) return new Vector3d(0, 0, 1);
        var other = Math.Abs(row.X) < 0.9 * row.Length ? new Vector3d(1, 0, 0) : new Vector3d(0, 1, 0);
        var perpendicular = Vector3d.Cross(row, other);
        return perpendicular / perpendicular.Length;
    }
}
