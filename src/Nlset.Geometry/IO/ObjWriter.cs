namespace Nlset.Geometry.IO;

/// <summary>
/// Writes a <see cref="Mesh"/> as Wavefront OBJ: comments as leading # lines, v lines, vn lines in the
/// same order (one per vertex), triangles as "f a//a b//b c//c" when there are normals (else "f a b c"),
/// and polylines as l lines. Indices are 1-based; numbers use the shortest exact text.
/// </summary>
internal static class ObjWriter
{
    public static void Write(Stream output, Mesh mesh)
    {
        MeshChecks.CheckWritable(mesh);
        var buffer = new OutputBuffer(output);
        foreach (var comment in mesh.Comments)
        {
            buffer.Text("# "u8);
            buffer.Text(comment);
            buffer.NewLine();
        }
        foreach (var v in mesh.Vertices) WriteTriple(buffer, "v "u8, v);
        if (mesh.Normals != null)
            foreach (var n in mesh.Normals) WriteTriple(buffer, "vn "u8, n);
        var t = mesh.Triangles;
        for (int i = 0; i < t.Length; i += 3)
        {
            buffer.Text("f"u8);
            for (int k = 0; k < 3; k++)
            {
                buffer.Space();
                buffer.Number(t[i + k] + 1L);
                if (mesh.HasNormals)
                {
                    buffer.Text("//"u8);
                    buffer.Number(t[i + k] + 1L);
                }
            }
            buffer.NewLine();
        }
        foreach (var polyline in mesh.Polylines)
        {
            if (polyline.Length < 2) continue;
            buffer.Text("l"u8);
            foreach (int v in polyline)
            {
                buffer.Space();
                buffer.Number(v + 1L);
            }
            buffer.NewLine();
        }
        buffer.Flush();
    }

    static void WriteTriple(OutputBuffer buffer, ReadOnlySpan<byte> keyword, Vector3d v)
    {
        buffer.Text(keyword);
        buffer.Number(v.X);
        buffer.Space();
        buffer.Number(v.Y);
        buffer.Space();
        buffer.Number(v.Z);
        buffer.NewLine();
    }
}
