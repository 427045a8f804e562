namespace Nlset.Geometry;

/// <summary>Edge statistics of a triangle mesh: whether it is closed and manifold, how many pieces it has and how many
/// handles.</summary>
public sealed record MeshTopology(int EdgeCount, int BoundaryEdges, int NonManifoldEdges, int Components, int DegenerateTriangles,
    int UsedVertices = 0, int Triangles = 0)
{
    /// <summary>Closed and manifold: every edge is shared by exactly two triangles.</summary>
    public bool IsWatertight => EdgeCount > 0 && BoundaryEdges == 0 && NonManifoldEdges == 0;

    /// <summary>χ = V − E + F over the vertices that triangles use.</summary>
    public int EulerCharacteristic => UsedVertices - EdgeCount + Triangles;

    /// <summary>
    /// Handles summed over all components, from χ = Σ (2 − 2 g_i) = 2 · components − 2 g, for a closed oriented surface
    /// (every mesh marching cubes makes): a sphere 0, a torus 1. Null when the mesh is not closed, or when χ is odd
    /// there (the surface cannot be orientable). A reconstruction whose genus differs from the scanned object's has
    /// handles or tunnels that distance errors barely see.
    /// </summary>
    public int? Genus => IsWatertight && (2 * Components - EulerCharacteristic) % 2 == 0 ? (2 * Components - EulerCharacteristic) / 2 : null;

    public static MeshTopology Of(Mesh mesh)
    {
        int t = mesh.TriangleCount;
        var tri = mesh.Triangles;
        // Each undirected edge as one 64-bit key (min index high, max low); sorting groups the copies.
        var keys = new long[3 * t];
        int degenerate = 0;
        for (int i = 0; i < t; i++)
        {
            int a = tri[3 * i], b = tri[3 * i + 1], c = tri[3 * i + 2];
            if (a == b || b == c || a == c) degenerate++;
            keys[3 * i] = EdgeKey(a, b);
            keys[3 * i + 1] = EdgeKey(b, c);
            keys[3 * i + 2] = EdgeKey(c, a);
        }
        Array.Sort(keys);
        int edges = 0, boundary = 0, nonManifold = 0;
        for (int i = 0; i < keys.Length;)
        {
            int j = i + 1;
            while (j < keys.Length && keys[j] == keys[i]) j++;
            int uses = j - i;
            edges++;
            if (uses == 1) boundary++;
            else if (uses > 2) nonManifold++;
            i = j;
        }
        var (components, usedVertices) = CountComponents(mesh);
        return new MeshTopology(edges, boundary, nonManifold, components, degenerate, usedVertices, t);
    }

    static long EdgeKey(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;

    /// <summary>Connected components over triangles, and the vertices triangles use (others are not counted).</summary>
    static (int Components, int UsedVertices) CountComponents(Mesh mesh)
    {
        if (!mesh.HasTriangles) return (0, 0);
        var parent = new int[mesh.VertexCount];
        for (int i = 0; i < parent.Length; i++) parent[i] = i;
        int Find(int x)
        {
            while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; }
            return x;
        }
        var used = new bool[mesh.VertexCount];
        var tri = mesh.Triangles;
        for (int i = 0; i < tri.Length; i += 3)
        {
            used[tri[i]] = used[tri[i + 1]] = used[tri[i + 2]] = true;
            int ra = Find(tri[i]);
            int rb = Find(tri[i + 1]), rc = Find(tri[i + 2]);
            parent[rb] = ra;
            parent[Find(rc)] = Find(ra);
        }
        int components = 0, usedVertices = 0;
        for (int v = 0; v < parent.Length; v++)
        {
            if (!used[v]) continue;
            usedVertices++;
            if (Find(v) == v) components++;
        }
        return (components, usedVertices);
    }
}
