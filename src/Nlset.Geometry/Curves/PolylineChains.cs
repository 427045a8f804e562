namespace Nlset.Geometry.Curves;

/// <summary>
/// Joins polylines that share vertices into maximal chains. PLY stores a curve as an edge element, so a curve read back
/// from PLY is a heap of two-vertex polylines; a curve extracted from triangles comes out as one segment per triangle.
/// Both become chains here: a chain runs through vertices that belong to exactly two edges and ends at vertices of any
/// other degree (free ends and branch points); a cycle of degree-two vertices is a closed chain, which repeats its first
/// index at the end (the <see cref="Mesh.Polylines"/> convention). Repeated edges count once and zero-length edges
/// (a vertex to itself) are dropped, so every other edge of the input appears in exactly one chain.
/// </summary>
public static class PolylineChains
{
    /// <summary>
    /// The maximal chains of the edges of <paramref name="polylines"/> (consecutive index pairs). Chains come in the
    /// order of their earliest edge in the input and run in that edge's direction, so polylines that are already
    /// maximal come back unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">A negative vertex index.</exception>
    public static IReadOnlyList<int[]> Join(IReadOnlyList<int[]> polylines)
    {
        ArgumentNullException.ThrowIfNull(polylines);
        var edges = new List<(int A, int B)>();
        var seen = new HashSet<(int, int)>();
        foreach (var line in polylines)
            for (int i = 0; i + 1 < line.Length; i++)
            {
                int a = line[i], b = line[i + 1];
                if (a < 0 || b < 0) throw new ArgumentException($"polyline vertex index {Math.Min(a, b)} is negative", nameof(polylines));
                if (a == b || !seen.Add(a < b ? (a, b) : (b, a))) continue;
                edges.Add((a, b));
            }

        var incident = new Dictionary<int, List<int>>();
        for (int e = 0; e < edges.Count; e++)
        {
            Incident(incident, edges[e].A).Add(e);
            Incident(incident, edges[e].B).Add(e);
        }

        var used = new bool[edges.Count];
        var chains = new List<int[]>();
        for (int e = 0; e < edges.Count; e++)
        {
            if (used[e]) continue;
            used[e] = true;
            var (start, end) = edges[e];
            var forward = new List<int> { start, end };
            bool closed = Walk(forward, start, edges, incident, used);
            if (!closed)
            {
                var backward = new List<int> { end, start };
                Walk(backward, end, edges, incident, used);
                backward.Reverse();                 // now ... → start → end
                backward.RemoveRange(backward.Count - 2, 2);
                backward.AddRange(forward);
                forward = backward;
            }
            chains.Add([.. forward]);
        }
        return chains;
    }

    /// <summary><paramref name="mesh"/> with its polylines joined into maximal chains (vertices, normals, triangles and comments kept).</summary>
    public static Mesh Join(Mesh mesh)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        if (!mesh.HasPolylines) return mesh;
        return new Mesh(mesh.Vertices, mesh.Normals, mesh.Triangles, Join(mesh.Polylines)) { Comments = [.. mesh.Comments] };
    }

    /// <summary>True for a chain that ends where it starts (at least three distinct vertices: a, b, c, a).</summary>
    public static bool IsClosed(int[] chain) => chain.Length > 3 && chain[0] == chain[^1];

    /// <summary>Sum of the segment lengths of <paramref name="chain"/>.</summary>
    public static double Length(ReadOnlySpan<Vector3d> vertices, int[] chain)
    {
        double length = 0;
        for (int i = 1; i < chain.Length; i++) length += (vertices[chain[i]] - vertices[chain[i - 1]]).Length;
        return length;
    }

    /// <summary>
    /// Extends <paramref name="chain"/> from its last vertex through vertices of degree two. Returns true when it came
    /// back to <paramref name="origin"/> (a cycle; the chain then ends with origin again).
    /// </summary>
    static bool Walk(List<int> chain, int origin, List<(int A, int B)> edges, Dictionary<int, List<int>> incident, bool[] used)
    {
        while (true)
        {
            int at = chain[^1];
            if (at == origin) return true;
            var around = incident[at];
            if (around.Count != 2) return false;
            int next = used[around[0]] ? around[1] : around[0];
            if (used[next]) return false;
            used[next] = true;
            var (a, b) = edges[next];
            chain.Add(a == at ? b : a);
        }
    }

    static List<int> Incident(Dictionary<int, List<int>> incident, int vertex)
    {
        if (!incident.TryGetValue(vertex, out var list)) incident[vertex] = list = new List<int>(2);
        return list;
    }
}
