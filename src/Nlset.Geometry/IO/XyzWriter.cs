namespace Nlset.Geometry.IO;

/// <summary>
/// Writes a point cloud as "x y z" lines ("x y z nx ny nz" with normals, then "r g b" with colours), comments as
/// leading # lines. With more than the three position columns a last comment line "# x y z nx ny nz r g b" names
/// them, so the reader need not guess. Values are separated by spaces, or by commas when the target is a .csv file.
/// XYZ holds only points, so a mesh with triangles or polylines is refused rather than written without them.
/// </summary>
internal static class XyzWriter
{
    public static void Write(Stream output, Mesh mesh, string file)
    {
        if (mesh.HasTriangles || mesh.HasPolylines)
            throw new GeometryFileException(file, null,
                $"XYZ holds only points and this mesh has {mesh.TriangleCount} triangles and {mesh.Polylines.Count} polylines: write .ply, .obj or .off instead");
        MeshChecks.CheckWritable(mesh);
        byte separator = Path.GetExtension(file).Equals(".csv", StringComparison.OrdinalIgnoreCase) ? (byte)',' : (byte)' ';
        var buffer = new OutputBuffer(output);
        foreach (var comment in mesh.Comments)
        {
            buffer.Text("# "u8);
            buffer.Text(comment);
            buffer.NewLine();
        }
        if (mesh.HasNormals || mesh.HasColors)
        {
            var names = new List<string> { "x", "y", "z" };
            if (mesh.HasNormals) names.AddRange(["nx", "ny", "nz"]);
            if (mesh.HasColors) names.AddRange(["r", "g", "b"]);
            buffer.Text("# "u8);
            buffer.Text(string.Join((char)separator, names));
            buffer.NewLine();
        }
        for (int i = 0; i < mesh.VertexCount; i++)
        {
            var v = mesh.Vertices[i];
            buffer.Number(v.X);
            buffer.Byte(separator);
            buffer.Number(v.Y);
            buffer.Byte(separator);
            buffer.Number(v.Z);
            if (mesh.Normals != null)
            {
                var n = mesh.Normals[i];
                buffer.Byte(separator);
                buffer.Number(n.X);
                buffer.Byte(separator);
                buffer.Number(n.Y);
                buffer.Byte(separator);
                buffer.Number(n.Z);
            }
            if (mesh.Colors != null)
            {
                var c = mesh.Colors[i];
                buffer.Byte(separator);
                buffer.Number(c.R);
                buffer.Byte(separator);
                buffer.Number(c.G);
                buffer.Byte(separator);
                buffer.Number(c.B);
            }
            buffer.NewLine();
        }
        buffer.Flush();
    }
}
