namespace Nlset.Geometry;

/// <summary>Edge statistics of a triangle mesh: whether it is closed and manifold, and how many pieces it has.</summary>
public sealed record MeshTopology(int EdgeCount, int BoundaryEdges, int NonManifoldEdges, int Components, int DegenerateTriangles)
{
    /// <summary>Closed and manifold: every edge is shared by exactly two triangles.</summary>
    public bool IsWatertight => EdgeCount > 0 && BoundaryEdges == 0 && NonManifoldEdges == 0;

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
        return new MeshTopology(edges, boundary, nonManifold, CountComponents(mesh), degenerate);
    }

    static long EdgeKey(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;

    /// <summary>Connected components over triangles (vertices used by no triangle are not counted).</summary>
    static int CountComponents(Mesh mesh)
    {
        if (!mesh.HasTriangles) return 0;
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
        int components = 0;
        for (int v = 0; v < parent.Length; v++)
            if (used[v] && Find(v) == v) components++;
        return components;
    }
}
