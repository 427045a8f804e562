using Nlset.Geometry.Randomness;

namespace Nlset.Geometry.Tests;

/// <summary>Small meshes with known geometry for the tests.</summary>
internal static class TestShapes
{
    /// <summary>The square [0, size]² at height z, split into 2·cells² triangles, normals +z.</summary>
    public static Mesh Square(double size = 1, double z = 0, int cells = 1)
    {
        var vertices = new Vector3d[(cells + 1) * (cells + 1)];
        for (int j = 0; j <= cells; j++)
            for (int i = 0; i <= cells; i++)
                vertices[j * (cells + 1) + i] = new Vector3d(size * i / cells, size * j / cells, z);
        var triangles = new List<int>();
        for (int j = 0; j < cells; j++)
            for (int i = 0; i < cells; i++)
            {
                int v = j * (cells + 1) + i;
                triangles.AddRange([v, v + 1, v + cells + 2, v, v + cells + 2, v + cells + 1]);
            }
        return new Mesh(vertices, triangles: [.. triangles]);
    }

    /// <summary>Separate right triangles in the plane z = 0 with legs (1, 2·area_i), so with areas exactly as given.</summary>
    public static Mesh TrianglesOfArea(params double[] areas)
    {
        var vertices = new List<Vector3d>();
        var triangles = new List<int>();
        double x = 0;
        foreach (double area in areas)
        {
            int v = vertices.Count;
            vertices.AddRange([new(x, 0, 0), new(x + 1, 0, 0), new(x, 2 * area, 0)]);
            triangles.AddRange([v, v + 1, v + 2]);
            x += 2;
        }
        return new Mesh([.. vertices], triangles: [.. triangles]);
    }

    public static Vector3d[] RandomPoints(SeededRandom random, int count, double scale = 1)
    {
        var points = new Vector3d[count];
        for (int i = 0; i < count; i++)
            points[i] = new Vector3d(random.NextDouble(), random.NextDouble(), random.NextDouble()) * scale;
        return points;
    }
}
