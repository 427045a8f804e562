namespace Nlset.Geometry;

/// <summary>
/// Connected pieces of a triangle mesh (triangles joined through shared vertices), and the removal of the ones too
/// small to be part of the shape: marching cubes on a trained network can leave tiny closed blobs of a cell or two
/// where the field grazes zero near the data.
/// </summary>
public static class MeshComponents
{
    /// <summary>Drops every component whose area is below <paramref name="minAreaFraction"/> of the mesh's total area;
    /// unused vertices are removed and the rest renumbered in their original order. Polylines are dropped.</summary>
    public static (Mesh Mesh, int Removed) RemoveSmall(Mesh mesh, double minAreaFraction)
    {
        if (!mesh.HasTriangles) return (mesh, 0);
        int t = mesh.TriangleCount;
        var tri = mesh.Triangles;
        var labels = TriangleLabels(mesh, out int count);
        var area = new double[count];
        double total = 0;
        for (int i = 0; i < t; i++)
        {
            var a = mesh.Vertices[tri[3 * i]];
            double ai = 0.5 * Vector3d.Cross(mesh.Vertices[tri[3 * i + 1]] - a, mesh.Vertices[tri[3 * i + 2]] - a).Length;
            area[labels[i]] += ai;
            total += ai;
        }
        var keep = new bool[count];
        for (int c = 0; c < count; c++) keep[c] = area[c] >= minAreaFraction * total;
        return Keep(mesh, labels, keep);
    }

    /// <summary>The mesh with only the components marked in <paramref name="keep"/> (indexed by the labels of
    /// <see cref="TriangleLabels"/>), and how many were dropped; unused vertices are removed and the rest renumbered in
    /// their original order. Polylines are dropped.</summary>
    public static (Mesh Mesh, int Removed) Keep(Mesh mesh, int[] labels, bool[] keep)
    {
        int removed = keep.Count(k => !k);
        if (removed == 0) return (mesh, 0);
        int t = mesh.TriangleCount;
        var tri = mesh.Triangles;
        var newIndex = new int[mesh.VertexCount];
        Array.Fill(newIndex, -1);
        var triangles = new List<int>(tri.Length);
        for (int i = 0; i < t; i++)
            if (keep[labels[i]])
                for (int k = 0; k < 3; k++) newIndex[tri[3 * i + k]] = 0;
        var vertices = new List<Vector3d>();
        var normals = mesh.Normals == null ? null : new List<Vector3d>();
        for (int v = 0; v < mesh.VertexCount; v++)
        {
            if (newIndex[v] < 0) continue;
            newIndex[v] = vertices.Count;
            vertices.Add(mesh.Vertices[v]);
            normals?.Add(mesh.Normals![v]);
        }
        for (int i = 0; i < t; i++)
            if (keep[labels[i]])
                for (int k = 0; k < 3; k++) triangles.Add(newIndex[tri[3 * i + k]]);
        return (new Mesh([.. vertices], normals?.ToArray(), [.. triangles]) { Comments = [.. mesh.Comments] }, removed);
    }

    /// <summary>The component of every triangle, numbered 0..count−1 in order of first appearance.</summary>
    public static int[] TriangleLabels(Mesh mesh, out int count)
    {
        var parent = new int[mesh.VertexCount];
        for (int i = 0; i < parent.Length; i++) parent[i] = i;
        int Find(int x)
        {
            while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; }
            return x;
        }
        var tri = mesh.Triangles;
        for (int i = 0; i < tri.Length; i += 3)
        {
            int a = Find(tri[i]);
            parent[Find(tri[i + 1])] = a;
            parent[Find(tri[i + 2])] = a;
        }
        var labelOfRoot = new Dictionary<int, int>();
        var labels = new int[mesh.TriangleCount];
        for (int i = 0; i < labels.Length; i++)
        {
            int root = Find(tri[3 * i]);
            if (!labelOfRoot.TryGetValue(root, out int label)) labelOfRoot[root] = label = labelOfRoot.Count;
            labels[i] = label;
        }
        count = labelOfRoot.Count;
        return labels;
    }
}
