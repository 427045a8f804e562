namespace Nlset.Geometry.Tests.Meshing;

/// <summary>Surface area and enclosed volume of a triangle mesh, and checks the meshing tests share.</summary>
internal static class MeshIntegrals
{
    public static double Area(Mesh mesh)
    {
        double area = 0;
        for (int t = 0; t < mesh.TriangleCount; t++) area += TriangleArea(mesh, t);
        return area;
    }

    public static double TriangleArea(Mesh mesh, int t)
    {
        var (a, b, c) = mesh.Triangle(t);
        return 0.5 * Vector3d.Cross(mesh.Vertices[b] - mesh.Vertices[a], mesh.Vertices[c] - mesh.Vertices[a]).Length;
    }

    /// <summary>Divergence theorem: Σ (a · (b × c)) / 6 over triangles; positive when normals point outwards.</summary>
    public static double EnclosedVolume(Mesh mesh)
    {
        double volume = 0;
        for (int t = 0; t < mesh.TriangleCount; t++)
        {
            var (a, b, c) = mesh.Triangle(t);
            volume += Vector3d.Dot(mesh.Vertices[a], Vector3d.Cross(mesh.Vertices[b], mesh.Vertices[c])) / 6;
        }
        return volume;
    }

    /// <summary>Triangles as sets of corner coordinates, independent of vertex numbering and of where each triangle starts.</summary>
    public static List<string> TriangleKeys(Mesh mesh)
    {
        var keys = new List<string>(mesh.TriangleCount);
        for (int t = 0; t < mesh.TriangleCount; t++)
        {
            var (a, b, c) = mesh.Triangle(t);
            var corners = new[] { mesh.Vertices[a], mesh.Vertices[b], mesh.Vertices[c] };
            // Rotate so the smallest corner comes first: keeps orientation, drops the starting corner.
            int first = 0;
            for (int i = 1; i < 3; i++)
                if (string.CompareOrdinal(corners[i].ToString(), corners[first].ToString()) < 0) first = i;
            keys.Add(string.Join(" ", Enumerable.Range(0, 3).Select(i => corners[(first + i) % 3].ToString())));
        }
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    public static int DuplicateVertexPositions(Mesh mesh) => mesh.VertexCount - mesh.Vertices.Distinct().Count();

    public static int DuplicateTriangles(Mesh mesh) =>
        mesh.TriangleCount - Enumerable.Range(0, mesh.TriangleCount)
            .Select(t => { var (a, b, c) = mesh.Triangle(t); var s = new[] { a, b, c }; Array.Sort(s); return (s[0], s[1], s[2]); })
            .Distinct().Count();

    /// <summary>Directed edges used by more than one triangle: zero when neighbouring triangles are oriented alike.</summary>
    public static int InconsistentlyOrientedEdges(Mesh mesh)
    {
        var seen = new HashSet<(int, int)>();
        int repeated = 0;
        for (int t = 0; t < mesh.TriangleCount; t++)
        {
            var (a, b, c) = mesh.Triangle(t);
            foreach (var e in new[] { (a, b), (b, c), (c, a) })
                if (!seen.Add(e)) repeated++;
        }
        return repeated;
    }

    /// <summary>
    /// Vertices whose neighbourhood is not a disk (or, on an open mesh's border, a half-disk): the edges opposite a
    /// vertex in its triangles must chain into exactly one cycle or one path. Edge counts alone miss two cones
    /// touching at a vertex.
    /// </summary>
    public static int NonManifoldVertices(Mesh mesh)
    {
        var links = new Dictionary<int, List<(int, int)>>();
        for (int t = 0; t < mesh.TriangleCount; t++)
        {
            var (a, b, c) = mesh.Triangle(t);
            foreach (var (v, p, q) in new[] { (a, b, c), (b, c, a), (c, a, b) })
            {
                if (!links.TryGetValue(v, out var list)) links[v] = list = [];
                list.Add((p, q));
            }
        }
        int bad = 0;
        foreach (var (_, link) in links)
        {
            var next = new Dictionary<int, int>();
            var hasIncoming = new HashSet<int>();
            bool ok = true;
            foreach (var (p, q) in link)
            {
                if (!next.TryAdd(p, q) || !hasIncoming.Add(q)) ok = false;
            }
            if (ok)
            {
                // Start at the path's beginning if there is one, else anywhere on the cycle, and walk it.
                int start = link.Select(e => e.Item1).FirstOrDefault(p => !hasIncoming.Contains(p), link[0].Item1);
                int steps = 0;
                for (int v = start; next.TryGetValue(v, out int w) && steps <= link.Count; v = w)
                {
                    steps++;
                    if (w == start) break;
                }
                ok = steps == link.Count;
            }
            if (!ok) bad++;
        }
        return bad;
    }

    /// <summary>Closed, manifold at edges and vertices, consistently oriented, no repeated vertex positions or triangles.</summary>
    public static void AssertClosedManifold(Mesh mesh, string what)
    {
        var topology = MeshTopology.Of(mesh);
        Assert.True(topology.IsWatertight, $"{what}: {topology}");
        Assert.Equal(0, topology.DegenerateTriangles);
        Assert.Equal(0, NonManifoldVertices(mesh));
        Assert.Equal(0, InconsistentlyOrientedEdges(mesh));
        Assert.Equal(0, DuplicateVertexPositions(mesh));
        Assert.Equal(0, DuplicateTriangles(mesh));
    }
}
