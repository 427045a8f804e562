namespace Nlset.Geometry.Shapes;

/// <summary>
/// A sphere tessellated by repeatedly splitting every triangle of an icosahedron into four and
/// pushing the new vertices onto the sphere. Triangles are nearly equilateral and of nearly equal
/// area, which makes it the test oracle for sampling and distances on a curved closed surface.
/// </summary>
public static class Icosphere
{
    public const int MaxSubdivisions = 8; // 20·4^8 ≈ 1.3 million triangles

    /// <summary>
    /// A closed manifold sphere mesh: 20·4^<paramref name="subdivisions"/> triangles, counter-clockwise
    /// from outside, all vertices at distance <paramref name="radius"/> from <paramref name="center"/>,
    /// with unit radial vertex normals.
    /// </summary>
    public static Mesh Create(int subdivisions, double radius = 1.0, Vector3d center = default)
    {
        if (subdivisions < 0 || subdivisions > MaxSubdivisions)
            throw new ArgumentOutOfRangeException(nameof(subdivisions), subdivisions, $"subdivisions must lie in 0..{MaxSubdivisions}");
        if (!(radius > 0) || !double.IsFinite(radius))
            throw new ArgumentOutOfRangeException(nameof(radius), radius, "the radius must be positive and finite");

        double t = (1 + Math.Sqrt(5)) / 2;
        var directions = new List<Vector3d>
        {
            new(-1, t, 0), new(1, t, 0), new(-1, -t, 0), new(1, -t, 0),
            new(0, -1, t), new(0, 1, t), new(0, -1, -t), new(0, 1, -t),
            new(t, 0, -1), new(t, 0, 1), new(-t, 0, -1), new(-t, 0, 1),
        };
        for (int i = 0; i < directions.Count; i++) directions[i] = directions[i].Normalized();
        var faces = new List<int>
        {
            0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11,
            1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8,
            3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9,
            4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1,
        };

        for (int level = 0; level < subdivisions; level++)
        {
            var midpoints = new Dictionary<long, int>();
            int Midpoint(int a, int b)
            {
                long key = a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;
                if (!midpoints.TryGetValue(key, out int m))
                {
                    m = directions.Count;
                    directions.Add(((directions[a] + directions[b]) * 0.5).Normalized());
                    midpoints[key] = m;
                }
                return m;
            }
            var finer = new List<int>(4 * faces.Count);
            for (int f = 0; f < faces.Count; f += 3)
            {
                int a = faces[f], b = faces[f + 1], c = faces[f + 2];
                int ab = Midpoint(a, b), bc = Midpoint(b, c), ca = Midpoint(c, a);
                finer.AddRange([a, ab, ca, b, bc, ab, c, ca, bc, ab, bc, ca]);
            }
            faces = finer;
        }

        var vertices = new Vector3d[directions.Count];
        var normals = new Vector3d[directions.Count];
        for (int i = 0; i < vertices.Length; i++)
        {
            normals[i] = directions[i];
            vertices[i] = center + directions[i] * radius;
        }
        return new Mesh(vertices, normals, [.. faces]);
    }
}
