namespace Nlset.Geometry;

/// <summary>Eigenvalues of a symmetric 3 × 3 matrix in closed form (Smith 1961, the trigonometric solution of the cubic).</summary>
public static class SymmetricEigenvalues3
{
    /// <param name="m">Upper triangle: xx, xy, xz, yy, yz, zz.</param>
    /// <returns>The three eigenvalues, ascending.</returns>
    public static (double Low, double Mid, double High) Of(ReadOnlySpan<double> m)
    {
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5];
        double offDiagonal = b * b + c * c + e * e;
        if (offDiagonal == 0)
        {
            Span<double> diagonal = [a, d, f];
            diagonal.Sort();
            return (diagonal[0], diagonal[1], diagonal[2]);
        }
        double q = (a + d + f) / 3;
        double p2 = (a - q) * (a - q) + (d - q) * (d - q) + (f - q) * (f - q) + 2 * offDiagonal;
        double p = Math.Sqrt(p2 / 6);
        // B = (A − qI)/p; det(B)/2 = cos(3φ).
        double ba = (a - q) / p, bd = (d - q) / p, bf = (f - q) / p, bb = b / p, bc = c / p, be = e / p;
        double det = ba * (bd * bf - be * be) - bb * (bb * bf - be * bc) + bc * (bb * be - bd * bc);
        double phi = Math.Acos(Math.Clamp(det / 2, -1, 1)) / 3;
        double high = q + 2 * p * Math.Cos(phi);
        double low = q + 2 * p * Math.Cos(phi + 2 * Math.PI / 3);
        double mid = 3 * q - high - low;
        return (low, mid, high);
    }
}
