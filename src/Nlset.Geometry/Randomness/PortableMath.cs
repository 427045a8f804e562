namespace Nlset.Geometry.Randomness;

/// <summary>
/// The few transcendental functions the random streams need, written with IEEE-754 +, −, ×, ÷ and
/// bit manipulation only. Math.Log defers to the platform's C library, whose last-bit rounding is
/// allowed to differ between operating systems and runtime versions; these do not, so a seeded
/// Gaussian stream is bit-identical everywhere.
/// </summary>
internal static class PortableMath
{
    // ln 2 split so that k·Ln2Hi is exact for |k| < 2^11 (the trailing bits of Ln2Hi are zero; fdlibm's constants).
    const double Ln2Hi = 6.93147180369123816490e-01;
    const double Ln2Lo = 1.90821492927058770002e-10;
    const double Sqrt2 = 1.41421356237309504880;

    /// <summary>Natural logarithm of a positive finite x, within a few units in the last place.</summary>
    public static double Log(double x)
    {
        if (!(x > 0) || !double.IsFinite(x))
            throw new ArgumentOutOfRangeException(nameof(x), x, "the portable logarithm takes positive finite arguments");
        int k = 0;
        if (x < 2.2250738585072014e-308) // smallest normal double
        {
            x *= 18014398509481984.0; // 2^54 lifts a subnormal into the normal range exactly
            k = -54;
        }
        long bits = BitConverter.DoubleToInt64Bits(x);
        k += (int)((bits >> 52) & 0x7FF) - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L); // in [1, 2)
        if (m > Sqrt2)
        {
            m *= 0.5;
            k++;
        }
        // m in [√2/2, √2]: f = m − 1 is exact (Sterbenz), s = f/(2+f) lies in ±0.1716 and
        // log m = 2 atanh s = 2(s + s³/3 + s⁵/5 + …); s² ≤ 0.0295, so eleven odd terms reach 2^-53.
        double f = m - 1.0;
        double s = f / (2.0 + f);
        double z = s * s;
        double series = 1.0 / 23;
        series = 1.0 / 21 + z * series;
        series = 1.0 / 19 + z * series;
        series = 1.0 / 17 + z * series;
        series = 1.0 / 15 + z * series;
        series = 1.0 / 13 + z * series;
        series = 1.0 / 11 + z * series;
        series = 1.0 / 9 + z * series;
        series = 1.0 / 7 + z * series;
        series = 1.0 / 5 + z * series;
        series = 1.0 / 3 + z * series;
        double logM = f - s * (f - 2.0 * z * series); // 2s(1 + z·series) rearranged as f − s(f − 2z·series): 2s = f − s·f
        return k * Ln2Hi + (k * Ln2Lo + logM);
    }
}
