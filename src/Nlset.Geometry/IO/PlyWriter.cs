using System.Buffers.Binary;
using System.Text;

namespace Nlset.Geometry.IO;

/// <summary>
/// Writes a <see cref="Mesh"/> as PLY: vertex x y z (and nx ny nz, and uchar red green blue), a face element of triangles
/// ("list uchar int vertex_indices", what most tools expect), an edge element (int vertex1, int vertex2)
/// with every polyline written as its consecutive segments, and the mesh's comments.
/// Positions and normals are each stored as float when every value is exactly a float32, else as double,
/// so reading the file back gives the same bits while float data keeps the usual compact layout.
/// </summary>
internal static class PlyWriter
{
    public static void Write(Stream output, Mesh mesh, PlyEncoding encoding)
    {
        MeshChecks.CheckWritable(mesh);
        var positionType = FitsFloat32(mesh.Vertices) ? PlyScalarType.Float32 : PlyScalarType.Float64;
        var normalType = mesh.Normals == null || FitsFloat32(mesh.Normals) ? PlyScalarType.Float32 : PlyScalarType.Float64;
        int edgeCount = mesh.Polylines.Sum(p => Math.Max(0, p.Length - 1));

        var buffer = new OutputBuffer(output);
        buffer.Text(Header(mesh, encoding, positionType, normalType, edgeCount));
        if (encoding == PlyEncoding.Ascii) WriteAsciiBody(buffer, mesh, positionType, normalType);
        else WriteBinaryBody(buffer, mesh, positionType, normalType, encoding == PlyEncoding.BinaryBigEndian);
        buffer.Flush();
    }

    static string Header(Mesh mesh, PlyEncoding encoding, PlyScalarType positionType, PlyScalarType normalType, int edgeCount)
    {
        var header = new StringBuilder();
        header.Append("ply\n");
        header.Append(encoding switch
        {
            PlyEncoding.Ascii => "format ascii 1.0\n",
            PlyEncoding.BinaryBigEndian => "format binary_big_endian 1.0\n",
            _ => "format binary_little_endian 1.0\n",
        });
        foreach (var comment in mesh.Comments) header.Append("comment ").Append(comment).Append('\n');
        header.Append($"element vertex {mesh.VertexCount}\n");
        foreach (var axis in new[] { "x", "y", "z" }) header.Append($"property {positionType.Name()} {axis}\n");
        if (mesh.HasNormals)
            foreach (var axis in new[] { "nx", "ny", "nz" }) header.Append($"property {normalType.Name()} {axis}\n");
        if (mesh.HasColors) header.Append("property uchar red\nproperty uchar green\nproperty uchar blue\n");
        if (mesh.HasTriangles)
        {
            header.Append($"element face {mesh.TriangleCount}\n");
            header.Append("property list uchar int vertex_indices\n");
        }
        if (edgeCount > 0)
        {
            header.Append($"element edge {edgeCount}\n");
            header.Append("property int vertex1\nproperty int vertex2\n");
        }
        header.Append("end_header\n");
        return header.ToString();
    }

    static void WriteAsciiBody(OutputBuffer buffer, Mesh mesh, PlyScalarType positionType, PlyScalarType normalType)
    {
        for (int i = 0; i < mesh.VertexCount; i++)
        {
            WriteAsciiTriple(buffer, mesh.Vertices[i], positionType);
            if (mesh.Normals != null)
            {
                buffer.Space();
                WriteAsciiTriple(buffer, mesh.Normals[i], normalType);
            }
            if (mesh.Colors != null)
            {
                var c = mesh.Colors[i];
                buffer.Space();
                buffer.Number(c.R);
                buffer.Space();
                buffer.Number(c.G);
                buffer.Space();
                buffer.Number(c.B);
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
        foreach (var polyline in mesh.Polylines)
            for (int k = 1; k < polyline.Length; k++)
            {
                buffer.Number(polyline[k - 1]);
                buffer.Space();
                buffer.Number(polyline[k]);
                buffer.NewLine();
            }
    }

    static void WriteAsciiTriple(OutputBuffer buffer, Vector3d v, PlyScalarType type)
    {
        for (int axis = 0; axis < 3; axis++)
        {
            if (axis > 0) buffer.Space();
            if (type == PlyScalarType.Float32) buffer.Number((float)v[axis]);
            else buffer.Number(v[axis]);
        }
    }

    static void WriteBinaryBody(OutputBuffer buffer, Mesh mesh, PlyScalarType positionType, PlyScalarType normalType, bool bigEndian)
    {
        int positionSize = 3 * positionType.Size();
        int normalSize = mesh.HasNormals ? 3 * normalType.Size() : 0;
        int colorSize = mesh.HasColors ? 3 : 0;
        for (int i = 0; i < mesh.VertexCount; i++)
        {
            var span = buffer.Reserve(positionSize + normalSize + colorSize);
            WriteBinaryTriple(span, mesh.Vertices[i], positionType, bigEndian);
            if (mesh.Normals != null) WriteBinaryTriple(span[positionSize..], mesh.Normals[i], normalType, bigEndian);
            if (mesh.Colors != null)
            {
                var c = mesh.Colors[i];
                span[positionSize + normalSize] = c.R;
                span[positionSize + normalSize + 1] = c.G;
                span[positionSize + normalSize + 2] = c.B;
            }
            buffer.Advance(positionSize + normalSize + colorSize);
        }
        var t = mesh.Triangles;
        for (int i = 0; i < t.Length; i += 3)
        {
            var span = buffer.Reserve(13);
            span[0] = 3;
            WriteInt(span[1..], t[i], bigEndian);
            WriteInt(span[5..], t[i + 1], bigEndian);
            WriteInt(span[9..], t[i + 2], bigEndian);
            buffer.Advance(13);
        }
        foreach (var polyline in mesh.Polylines)
            for (int k = 1; k < polyline.Length; k++)
            {
                var span = buffer.Reserve(8);
                WriteInt(span, polyline[k - 1], bigEndian);
                WriteInt(span[4..], polyline[k], bigEndian);
                buffer.Advance(8);
            }
    }

    static void WriteBinaryTriple(Span<byte> span, Vector3d v, PlyScalarType type, bool bigEndian)
    {
        for (int axis = 0; axis < 3; axis++)
        {
            if (type == PlyScalarType.Float32)
            {
                var at = span[(4 * axis)..];
                if (bigEndian) BinaryPrimitives.WriteSingleBigEndian(at, (float)v[axis]);
                else BinaryPrimitives.WriteSingleLittleEndian(at, (float)v[axis]);
            }
            else
            {
                var at = span[(8 * axis)..];
                if (bigEndian) BinaryPrimitives.WriteDoubleBigEndian(at, v[axis]);
                else BinaryPrimitives.WriteDoubleLittleEndian(at, v[axis]);
            }
        }
    }

    static void WriteInt(Span<byte> span, int value, bool bigEndian)
    {
        if (bigEndian) BinaryPrimitives.WriteInt32BigEndian(span, value);
        else BinaryPrimitives.WriteInt32LittleEndian(span, value);
    }

    /// <summary>Whether float32 storage loses nothing: every value survives double → float → double unchanged.</summary>
    internal static bool FitsFloat32(Vector3d[] values)
    {
        foreach (var v in values)
            if ((double)(float)v.X != v.X || (double)(float)v.Y != v.Y || (double)(float)v.Z != v.Z) return false;
        return true;
    }
}
