namespace Nlset.Geometry.IO;

/// <summary>
/// What every reader does with NaN and infinite vertex values. Normals are optional for every command, so
/// non-finite normals drop the normals (one warning counting the vertices affected) and keep the points;
/// a non-finite position is an error naming the vertex, unless <see cref="GeometryReadOptions.SkipInvalidPoints"/>
/// is set: then such points are left out, with the triangles and edges that use them, and one warning counts them.
/// </summary>
internal sealed class NonFiniteVertices(string file, GeometryReadOptions options)
{
    List<int>? _skipped;
    string? _firstSkipped;
    int _badNormals;
    string? _firstBadNormal;

    /// <summary>A position found not finite (readers test IsFinite first, so the location string is built only then):
    /// throws unless invalid points are skipped, in which case the vertex is marked for removal.</summary>
    public void BadPosition(int index, Vector3d position, string? location)
    {
        if (!options.SkipInvalidPoints)
            throw new GeometryFileException(file, location ?? $"vertex {index}",
                $"a coordinate is not finite: {position} ({options.SettingName(nameof(GeometryReadOptions.SkipInvalidPoints))} leaves such points out)");
        (_skipped ??= []).Add(index);
        _firstSkipped ??= location ?? $"vertex {index}";
    }

    public void BadNormal(int index, string? location)
    {
        _badNormals++;
        _firstBadNormal ??= location ?? $"vertex {index}";
    }

    /// <summary>The mesh without what was found broken, and the warnings saying what was left out.</summary>
    public Mesh Apply(Mesh mesh)
    {
        if (_badNormals > 0)
        {
            options.Warn(file, $"{_badNormals} of {mesh.VertexCount} vertices have a non-finite normal (first at {_firstBadNormal}): "
                + "the normals are dropped, the points kept");
            mesh = new Mesh(mesh.Vertices, null, mesh.Triangles, mesh.Polylines, mesh.Colors) { Comments = mesh.Comments };
        }
        if (_skipped is null) return mesh;

        var skipped = new HashSet<int>(_skipped);
        if (skipped.Count == mesh.VertexCount)
            throw new GeometryFileException(file, null, $"no points left: all {mesh.VertexCount} have a non-finite coordinate (first at {_firstSkipped})");
        var newIndex = new int[mesh.VertexCount];
        int kept = 0;
        for (int i = 0; i < newIndex.Length; i++) newIndex[i] = skipped.Contains(i) ? -1 : kept++;
        var vertices = new Vector3d[kept];
        var normals = mesh.Normals is null ? null : new Vector3d[kept];
        var colors = mesh.Colors is null ? null : new VertexColor[kept];
        for (int i = 0; i < newIndex.Length; i++)
        {
            int j = newIndex[i];
            if (j < 0) continue;
            vertices[j] = mesh.Vertices[i];
            if (normals != null) normals[j] = mesh.Normals![i];
            if (colors != null) colors[j] = mesh.Colors![i];
        }
        var triangles = new List<int>(mesh.Triangles.Length);
        for (int t = 0; t < mesh.Triangles.Length; t += 3)
        {
            int a = newIndex[mesh.Triangles[t]], b = newIndex[mesh.Triangles[t + 1]], c = newIndex[mesh.Triangles[t + 2]];
            if (a < 0 || b < 0 || c < 0) continue;
            triangles.AddRange([a, b, c]);
        }
        var polylines = mesh.Polylines.Where(p => p.All(v => newIndex[v] >= 0)).Select(p => p.Select(v => newIndex[v]).ToArray()).ToList();
        int droppedTriangles = mesh.TriangleCount - triangles.Count / 3;
        int droppedPolylines = mesh.Polylines.Count - polylines.Count;
        string also = (droppedTriangles, droppedPolylines) switch
        {
            (0, 0) => "",
            (_, 0) => $" and the {droppedTriangles} triangles that use them",
            (0, _) => $" and the {droppedPolylines} polylines that use them",
            _ => $" and the {droppedTriangles} triangles and {droppedPolylines} polylines that use them",
        };
        options.Warn(file, $"left out {skipped.Count} of {mesh.VertexCount} points with a non-finite coordinate (first at {_firstSkipped}){also} ({options.SettingName(nameof(GeometryReadOptions.SkipInvalidPoints))})");
        return new Mesh(vertices, normals, [.. triangles], polylines, colors) { Comments = mesh.Comments };
    }
}
