namespace Nlset.Geometry.IO;

/// <summary>
/// Writes a <see cref="Mesh"/> as OFF ("NOFF" with per-vertex normals): the keyword, the comments as
/// # lines, the counts, vertices, then triangles as "3 a b c". OFF has no polylines, so a mesh with
/// polylines is refused rather than written without them.
/// </summary>
internal static class OffWriter
{
    public static void Write(Stream output, Mesh mesh, string file)
    {
        if (mesh.HasPolylines)
            throw new GeometryFileException(file, null, $"OFF cannot hold polylines and this mesh has {mesh.Polylines.Count}: write .ply or .obj instead");
        MeshChecks.CheckWritable(mesh);
        var buffer = new OutputBuffer(output);
        buffer.Text(mesh.HasNormals ? "NOFF\n"u8 : "OFF\n"u8);
        foreach (var comment in mesh.Comments)
        {
            buffer.Text("# "u8);
            buffer.Text(comment);
            buffer.NewLine();
        }
        buffer.Number(mesh.VertexCount);
        buffer.Space();
        buffer.Number(mesh.TriangleCount);
        buffer.Text(" 0\n"u8);
        for (int i = 0; i < mesh.VertexCount; i++)
        {
            var v = mesh.Vertices[i];
            buffer.Number(v.X);
            buffer.Space();
            buffer.Number(v.Y);
            buffer.Space();
            buffer.Number(v.Z);
            if (mesh.Normals != null)
            {
                var n = mesh.Normals[i];
                buffer.Space();
                buffer.Number(n.X);
                buffer.Space();
                buffer.Number(n.Y);
                buffer.Space();
                buffer.Number(n.Z);
            }
            buffer.NewLine();
        }
        var t = mesh.Triangles;
        for (int i = 0; i < t.Length; i += 3)
        {
            buffer.Text("3 "u8);
            buffer.Number(t[i]);
            buffer.Space();
            buffer.Number(t[i + 1]);
            buffer.Space();
            buffer.Number(t[i + 2]);
            buffer.NewLine();
        }
        buffer.Flush();
    }
}
