namespace Nlset.Geometry.Shapes;

/// <summary>
/// A ring torus about the z axis tessellated on its (θ, φ) parameter grid: the point
/// ((R + r cos φ) cos θ, (R + r cos φ) sin θ, r sin φ) for θ around the axis and φ around the tube.
/// It is the closed genus-1 surface whose signed distance <see cref="Meshing.AnalyticFields.Torus"/>
/// gives exactly, so the two together are an oracle for sampling, metrics and meshing on a surface
/// with a hole and both signs of Gaussian curvature.
/// </summary>
public static class Torus
{
    /// <summary>
    /// A closed manifold torus mesh: <paramref name="majorSegments"/>·<paramref name="minorSegments"/>
    /// vertices, twice as many triangles, counter-clockwise from outside, every vertex at distance
    /// <paramref name="minorRadius"/> from the circle of radius <paramref name="majorRadius"/> about the
    /// z axis through <paramref name="center"/>, with unit outward vertex normals.
    /// </summary>
    public static Mesh Create(double majorRadius, double minorRadius, int majorSegments, int minorSegments, Vector3d center = default)
    {
        if (!(minorRadius > 0) || !double.IsFinite(minorRadius))
            throw new ArgumentOutOfRangeException(nameof(minorRadius), minorRadius, "the minor (tube) radius must be positive and finite");
        // R ≤ r would make the tube pass through the axis: a self-intersecting (spindle or horn) torus.
        if (!(majorRadius > minorRadius) || !double.IsFinite(majorRadius))
            throw new ArgumentOutOfRangeException(nameof(majorRadius), majorRadius, "the major radius must be finite and larger than the minor radius");
        if (majorSegments < 3)
            throw new ArgumentOutOfRangeException(nameof(majorSegments), majorSegments, "a closed ring needs at least 3 segments");
        if (minorSegments < 3)
            throw new ArgumentOutOfRangeException(nameof(minorSegments), minorSegments, "a closed tube needs at least 3 segments");
        if ((long)majorSegments * minorSegments * 6 > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(majorSegments), $"{majorSegments}×{minorSegments} segments make too many triangles for one mesh");

        int n = majorSegments * minorSegments;
        var vertices = new Vector3d[n];
        var normals = new Vector3d[n];
        for (int i = 0; i < majorSegments; i++)
        {
            double theta = 2 * Math.PI * i / majorSegments;
            double cosTheta = Math.Cos(theta), sinTheta = Math.Sin(theta);
            for (int j = 0; j < minorSegments; j++)
            {
                double phi = 2 * Math.PI * j / minorSegments;
                double cosPhi = Math.Cos(phi), sinPhi = Math.Sin(phi);
                var normal = new Vector3d(cosPhi * cosTheta, cosPhi * sinTheta, sinPhi);
                int v = i * minorSegments + j;
                normals[v] = normal;
                vertices[v] = center + new Vector3d(majorRadius * cosTheta, majorRadius * sinTheta, 0) + normal * minorRadius;
            }
        }

        // ∂p/∂θ × ∂p/∂φ points outwards, so (θ, φ) → (θ+, φ) → (θ+, φ+) runs counter-clockwise seen from outside.
        var triangles = new int[6 * n];
        int k = 0;
        for (int i = 0; i < majorSegments; i++)
        {
            int nextI = (i + 1) % majorSegments;
            for (int j = 0; j < minorSegments; j++)
            {
                int nextJ = (j + 1) % minorSegments;
                int a = i * minorSegments + j, b = nextI * minorSegments + j;
                int c = nextI * minorSegments + nextJ, d = i * minorSegments + nextJ;
                triangles[k++] = a; triangles[k++] = b; triangles[k++] = c;
                triangles[k++] = a; triangles[k++] = c; triangles[k++] = d;
            }
        }
        return new Mesh(vertices, normals, triangles);
    }
}
