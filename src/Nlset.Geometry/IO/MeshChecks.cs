namespace Nlset.Geometry.IO;

/// <summary>
/// What every writer requires of a mesh before it writes a byte: finite coordinates and normals,
/// indices that name existing vertices, and one-line comments. A mesh failing this is a bug in
/// the code that built it (every mesh read from a file already passed the readers' checks),
/// so the failure is an <see cref="ArgumentException"/>, not a user-input error.
/// </summary>
internal static class MeshChecks
{
    public static void CheckWritable(Mesh mesh)
    {
        for (int i = 0; i < mesh.VertexCount; i++)
            if (!mesh.Vertices[i].IsFinite) throw new ArgumentException($"vertex {i} is not finite: {mesh.Vertices[i]}", nameof(mesh));
        if (mesh.Normals != null)
            for (int i = 0; i < mesh.VertexCount; i++)
                if (!mesh.Normals[i].IsFinite) throw new ArgumentException($"normal {i} is not finite: {mesh.Normals[i]}", nameof(mesh));
        var t = mesh.Triangles;
        for (int i = 0; i < t.Length; i++)
            if ((uint)t[i] >= (uint)mesh.VertexCount)
                throw new ArgumentException($"triangle {i / 3} names vertex {t[i]} of {mesh.VertexCount}", nameof(mesh));
        for (int p = 0; p < mesh.Polylines.Count; p++)
            foreach (int v in mesh.Polylines[p])
                if ((uint)v >= (uint)mesh.VertexCount)
                    throw new ArgumentException($"polyline {p} names vertex {v} of {mesh.VertexCount}", nameof(mesh));
        foreach (var comment in mesh.Comments)
            if (comment.Contains('\n') || comment.Contains('\r'))
                throw new ArgumentException("a comment holds a line break; split it into several comments", nameof(mesh));
    }
}
