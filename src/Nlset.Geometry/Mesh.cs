namespace Nlset.Geometry;

/// <summary>
/// What a geometry file holds: vertices with optional per-vertex normals, and optionally triangles
/// and polylines over those vertices. A point cloud is a Mesh with neither; a curve has polylines.
/// This mirrors PLY's model (a vertex element plus optional face and edge elements) so that every
/// supported format reads into and writes from one type.
/// </summary>
public sealed class Mesh
{
    public Mesh(Vector3d[] vertices, Vector3d[]? normals = null, int[]? triangles = null, IReadOnlyList<int[]>? polylines = null,
        VertexColor[]? colors = null)
    {
        if (normals != null && normals.Length != vertices.Length)
            throw new ArgumentException($"{normals.Length} normals for {vertices.Length} vertices", nameof(normals));
        if (colors != null && colors.Length != vertices.Length)
            throw new ArgumentException($"{colors.Length} colours for {vertices.Length} vertices", nameof(colors));
        if (triangles != null && triangles.Length % 3 != 0)
            throw new ArgumentException("triangle index count is not a multiple of 3", nameof(triangles));
        Vertices = vertices;
        Normals = normals;
        Triangles = triangles ?? [];
        Polylines = polylines ?? [];
        Colors = colors;
    }

    public Vector3d[] Vertices { get; }
    /// <summary>Per-vertex normals, or null when the file had none.</summary>
    public Vector3d[]? Normals { get; }
    /// <summary>Per-vertex colours (scanners record them), or null when the file had none. Only PLY writes them.</summary>
    public VertexColor[]? Colors { get; }
    /// <summary>Flat vertex indices, three per triangle, counter-clockwise seen from outside.</summary>
    public int[] Triangles { get; }
    /// <summary>Each polyline is a chain of vertex indices; a closed one repeats its first index at the end.</summary>
    public IReadOnlyList<int[]> Polylines { get; }
    /// <summary>Header comments (PLY comment lines, OBJ # lines at the top) carried through a round trip where the format allows.</summary>
    public List<string> Comments { get; init; } = [];

    public int VertexCount => Vertices.Length;
    public int TriangleCount => Triangles.Length / 3;
    public bool HasNormals => Normals != null;
    public bool HasColors => Colors != null;
    public bool HasTriangles => Triangles.Length > 0;
    public bool HasPolylines => Polylines.Count > 0;

    public BoundingBox Bounds => BoundingBox.Of(Vertices);

    public (int A, int B, int C) Triangle(int t) => (Triangles[3 * t], Triangles[3 * t + 1], Triangles[3 * t + 2]);

    public static Mesh PointCloud(Vector3d[] points, Vector3d[]? normals = null) => new(points, normals);
}
