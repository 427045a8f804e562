namespace Nlset.Geometry.Meshing;

/// <summary>
/// Merges the vertices that landed on the same grid vertex (the iso value hit that sample exactly), where doing so
/// keeps the mesh manifold.
/// </summary>
/// <remarks>
/// <para>Values equal to the iso value count as outside, which is a consistent symbolic perturbation: the mesh is
/// that of the field nudged up at those samples, closed and manifold like any other. Its only flaw is geometric:
/// every cut edge ending at such a sample has its own vertex there, so the triangles between them have zero area
/// (a plane through a layer of samples at 45° would be a sheet of such slivers).</para>
/// <para>Welding a group of coincident vertices into one removes the triangles that collapse (two or three corners in
/// the group) and keeps the others. The result is manifold exactly when the edges opposite the welded vertex in its
/// remaining triangles chain into one simple cycle (or one path on an open border): then every edge at the vertex is
/// in two triangles, and edges elsewhere keep their triangles. A smooth level set through a sample normally passes
/// this test (planes and spheres through samples do); a group that would pinch two sheets together (possible when many samples tie, as in noise) fails it
/// and keeps its slivers, so the mesh stays closed and manifold whatever the input.</para>
/// </remarks>
internal static class GridVertexWelding
{
    public static Mesh Weld(List<Vector3d> vertices, List<int> triangles, Dictionary<long, List<int>> ties)
    {
        var groups = ties.Where(g => g.Value.Count > 1).OrderBy(g => g.Key).Select(g => g.Value).ToList();
        if (groups.Count == 0) return new Mesh([.. vertices], triangles: [.. triangles]);

        int triangleCount = triangles.Count / 3;
        var groupOf = new int[vertices.Count];
        Array.Fill(groupOf, -1);
        for (int g = 0; g < groups.Count; g++)
            foreach (int v in groups[g]) groupOf[v] = g;
        var incident = new List<int>[groups.Count];
        for (int g = 0; g < groups.Count; g++) incident[g] = [];
        for (int t = 0; t < triangleCount; t++)
            for (int c = 0; c < 3; c++)
            {
                int g = groupOf[triangles[3 * t + c]];
                if (g >= 0 && (incident[g].Count == 0 || incident[g][^1] != t)) incident[g].Add(t);
            }

        var map = new int[vertices.Count];
        for (int v = 0; v < map.Length; v++) map[v] = v;
        var alive = new bool[triangleCount];
        Array.Fill(alive, true);
        var link = new List<(int From, int To)>();
        var collapsed = new List<int>();
        for (int g = 0; g < groups.Count; g++)
        {
            int welded = groups[g][0];
            link.Clear();
            collapsed.Clear();
            foreach (int t in incident[g])
            {
                if (!alive[t]) continue;
                Span<int> corner = [map[triangles[3 * t]], map[triangles[3 * t + 1]], map[triangles[3 * t + 2]]];
                int inGroup = 0, at = 0;
                for (int c = 0; c < 3; c++)
                    if (groupOf[corner[c]] == g)
                    {
                        inGroup++;
                        at = c;
                    }
                if (inGroup >= 2) collapsed.Add(t);
                else link.Add((corner[(at + 1) % 3], corner[(at + 2) % 3]));
            }
            if (!IsSingleChain(link)) continue;
            foreach (int t in collapsed) alive[t] = false;
            foreach (int v in groups[g]) map[v] = welded;
        }

        var index = new int[vertices.Count];
        var kept = new List<Vector3d>(vertices.Count);
        for (int v = 0; v < vertices.Count; v++)
            if (map[v] == v)
            {
                index[v] = kept.Count;
                kept.Add(vertices[v]);
            }
        var result = new List<int>(triangles.Count);
        for (int t = 0; t < triangleCount; t++)
            if (alive[t])
                for (int c = 0; c < 3; c++) result.Add(index[map[triangles[3 * t + c]]]);
        return new Mesh([.. kept], triangles: [.. result]);
    }

    /// <summary>Whether the directed edges form one simple cycle of at least three edges, or one simple path.</summary>
    static bool IsSingleChain(List<(int From, int To)> link)
    {
        if (link.Count == 0) return false;
        var next = new Dictionary<int, int>(link.Count);
        var entered = new HashSet<int>();
        foreach (var (from, to) in link)
            if (from == to || !next.TryAdd(from, to) || !entered.Add(to)) return false;
        int start = link[0].From, starts = 0;
        foreach (var (from, _) in link)
            if (!entered.Contains(from))
            {
                start = from;
                starts++;
            }
        if (starts > 1 || (starts == 0 && link.Count < 3)) return false;
        int steps = 0;
        for (int v = start; next.TryGetValue(v, out int w); v = w)
        {
            steps++;
            if (w == start || steps > link.Count) break;
        }
        return steps == link.Count;
    }
}
