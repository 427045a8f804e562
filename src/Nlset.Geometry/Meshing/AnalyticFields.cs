namespace Nlset.Geometry.Meshing;

/// <summary>
/// Scalar fields with known level sets, the test oracles for marching cubes and reconstruction. Each is an exact
/// signed distance (negative inside) except <see cref="Union"/>, which is exact outside and a lower bound inside.
/// Large batches are split across cores inside the call, which is safe for these pure functions.
/// </summary>
public static class AnalyticFields
{
    /// <summary>Batches below this are evaluated on the calling thread: splitting costs more than it saves.</summary>
    const int ParallelChunk = 1 << 14;

    /// <summary>‖p − center‖ − radius.</summary>
    public static ScalarField Sphere(Vector3d center, double radius) =>
        Pointwise(p => (p - center).Length - radius);

    /// <summary>A torus around the z axis through <paramref name="center"/>: tube of radius <paramref name="minorRadius"/>
    /// around the circle of radius <paramref name="majorRadius"/>.</summary>
    public static ScalarField Torus(double majorRadius, double minorRadius, Vector3d center = default) =>
        Pointwise(p =>
        {
            var d = p - center;
            double ring = Math.Sqrt(d.X * d.X + d.Y * d.Y) - majorRadius;
            return Math.Sqrt(ring * ring + d.Z * d.Z) - minorRadius;
        });

    /// <summary>n̂ · p − offset with n̂ = normal / ‖normal‖: negative behind the plane, positive on the side the normal points to.</summary>
    public static ScalarField Plane(Vector3d normal, double offset)
    {
        if (!(normal.Length > 0) || !normal.IsFinite) throw new ArgumentException($"plane normal {normal} must be a non-zero finite vector", nameof(normal));
        var n = normal.Normalized();
        return Pointwise(p => Vector3d.Dot(n, p) - offset);
    }

    /// <summary>min(a, b): the union of the two insides.</summary>
    public static ScalarField Union(ScalarField first, ScalarField second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return (points, values) =>
        {
            first(points, values);
            var other = System.Buffers.ArrayPool<double>.Shared.Rent(points.Length);
            try
            {
                second(points, other.AsSpan(0, points.Length));
                for (int i = 0; i < values.Length; i++) values[i] = Math.Min(values[i], other[i]);
            }
            finally
            {
                System.Buffers.ArrayPool<double>.Shared.Return(other);
            }
        };
    }

    /// <summary>The field of a point function, evaluated in parallel chunks for large batches.</summary>
    public static unsafe ScalarField Pointwise(Func<Vector3d, double> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return (points, values) =>
        {
            if (points.Length != values.Length) throw new ArgumentException($"{points.Length} points but room for {values.Length} values");
            if (points.Length < 2 * ParallelChunk)
            {
                for (int i = 0; i < points.Length; i++) values[i] = function(points[i]);
                return;
            }
            fixed (Vector3d* p = points)
            fixed (double* v = values)
            {
                var (pp, vv, n) = ((nint)p, (nint)v, points.Length);
                Parallel.For(0, (n + ParallelChunk - 1) / ParallelChunk, chunk =>
                {
                    var src = (Vector3d*)pp;
                    var dst = (double*)vv;
                    int end = Math.Min(n, (chunk + 1) * ParallelChunk);
                    for (int i = chunk * ParallelChunk; i < end; i++) dst[i] = function(src[i]);
                });
            }
        };
    }
}
