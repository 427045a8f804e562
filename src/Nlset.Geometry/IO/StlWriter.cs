using System.Buffers.Binary;
using System.Text;

namespace Nlset.Geometry.IO;

/// <summary>
/// Writes a triangle mesh as STL: binary (the default; 80-byte header holding the first comment, a triangle count,
/// then per triangle its unit face normal, its three corners as float32 and a zero attribute word) or ASCII (`solid
/// nlset`, `facet normal`, `outer loop`, `vertex`). STL stores float32 corners and no vertex normals, colours,
/// polylines or comments beyond the header, so only what it can hold is written: a mesh without triangles or with
/// polylines is refused rather than written without them.
/// </summary>
internal static class StlWriter
{
    public static void Write(Stream output, Mesh mesh, string file, StlEncoding encoding)
    {
        if (!mesh.HasTriangles || mesh.HasPolylines)
            throw new GeometryFileException(file, null,
                $"STL holds only triangles and this has {mesh.TriangleCount} triangles and {mesh.Polylines.Count} polylines: write .ply, .obj or .xyz instead");
        MeshChecks.CheckWritable(mesh);
        var buffer = new OutputBuffer(output);
        if (encoding == StlEncoding.Ascii) WriteAscii(buffer, mesh);
        else WriteBinary(buffer, mesh);
        buffer.Flush();
    }

    static void WriteBinary(OutputBuffer buffer, Mesh mesh)
    {
        var header = buffer.Reserve(84);
        header[..84].Clear();
        // The header is free text; "solid" at its start would make some readers take the file for ASCII.
        var title = Encoding.ASCII.GetBytes("nlset binary STL " + string.Join("; ", mesh.Comments));
        title.AsSpan(0, Math.Min(80, title.Length)).CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[80..], (uint)mesh.TriangleCount);
        buffer.Advance(84);
        for (int t = 0; t < mesh.TriangleCount; t++)
        {
            var (a, b, c) = mesh.Triangle(t);
            var span = buffer.Reserve(50);
            WriteTriple(span, FaceNormal(mesh, t));
            WriteTriple(span[12..], mesh.Vertices[a]);
            WriteTriple(span[24..], mesh.Vertices[b]);
            WriteTriple(span[36..], mesh.Vertices[c]);
            span[48] = 0;
            span[49] = 0;
            buffer.Advance(50);
        }
    }

    static void WriteAscii(OutputBuffer buffer, Mesh mesh)
    {
        buffer.Text("solid nlset\n"u8);
        for (int t = 0; t < mesh.TriangleCount; t++)
        {
            var (a, b, c) = mesh.Triangle(t);
            buffer.Text("  facet normal"u8);
            AsciiTriple(buffer, FaceNormal(mesh, t));
            buffer.Text("\n    outer loop\n"u8);
            foreach (int v in new[] { a, b, c })
            {
                buffer.Text("      vertex"u8);
                AsciiTriple(buffer, mesh.Vertices[v]);
                buffer.NewLine();
            }
            buffer.Text("    endloop\n  endfacet\n"u8);
        }
        buffer.Text("endsolid nlset\n"u8);
    }

    // Corners are stored as float32 (all STL holds), written with the shortest text that reads back as the same float.
    static void AsciiTriple(OutputBuffer buffer, Vector3d v)
    {
        for (int axis = 0; axis < 3; axis++)
        {
            buffer.Space();
            buffer.Number((float)v[axis]);
        }
    }

    static void WriteTriple(Span<byte> span, Vector3d v)
    {
        BinaryPrimitives.WriteSingleLittleEndian(span, (float)v.X);
        BinaryPrimitives.WriteSingleLittleEndian(span[4..], (float)v.Y);
        BinaryPrimitives.WriteSingleLittleEndian(span[8..], (float)v.Z);
    }

    /// <summary>The unit normal of triangle t by the right-hand rule; zero for a degenerate triangle (what STL readers accept).</summary>
    static Vector3d FaceNormal(Mesh mesh, int t)
    {
        var (a, b, c) = mesh.Triangle(t);
        var n = Vector3d.Cross(mesh.Vertices[b] - mesh.Vertices[a], mesh.Vertices[c] - mesh.Vertices[a]);
        double length = n.Length;
        return length > 0 ? n / length : Vector3d.Zero;
    }
}
