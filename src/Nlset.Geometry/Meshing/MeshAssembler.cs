namespace Nlset.Geometry.Meshing;

/// <summary>
/// Joins mesh parts in a fixed order into one mesh. A shared vertex takes the number it got in the first part
/// that made it; every other vertex is numbered in the order its part created it. So the result depends only on
/// the order of the parts, never on which thread marched which part or how the layers were cut into bands.
/// </summary>
internal sealed class MeshAssembler(bool onlyLastPartShares)
{
    readonly List<Vector3d> vertices = [];
    readonly List<int> triangles = [];
    readonly Dictionary<long, List<int>> ties = [];
    Dictionary<long, int> shared = [];

    public void Append(MeshPart part)
    {
        var map = new int[part.Vertices.Count];
        Array.Fill(map, -1);
        foreach (var (key, vertex) in part.Shared)
            if (shared.TryGetValue(key, out int global)) map[vertex] = global;
        int firstNew = vertices.Count;
        for (int v = 0; v < map.Length; v++)
            if (map[v] < 0)
            {
                map[v] = vertices.Count;
                vertices.Add(part.Vertices[v]);
            }
        // Only vertices new to the mesh are recorded as ties: shared ones were recorded by the part that made them.
        foreach (var (sample, vertex) in part.Ties)
            if (map[vertex] >= firstNew)
            {
                if (!ties.TryGetValue(sample, out var group)) ties[sample] = group = [];
                group.Add(map[vertex]);
            }
        // Dense bands share faces only with the band just before them, so older keys can go.
        if (onlyLastPartShares) shared = new Dictionary<long, int>(part.Shared.Count);
        foreach (var (key, vertex) in part.Shared) shared.TryAdd(key, map[vertex]);
        foreach (int v in part.Triangles) triangles.Add(map[v]);
    }

    public Mesh ToMesh() => GridVertexWelding.Weld(vertices, triangles, ties);
}
