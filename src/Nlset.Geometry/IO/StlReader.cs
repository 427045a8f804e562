using System.Buffers.Binary;

namespace Nlset.Geometry.IO;

/// <summary>
/// Reads STL, binary or ASCII. STL stores each triangle with its own three corners, so corners with exactly the same
/// coordinates are merged into one vertex (as MeshLab does), which gives the mesh its connectivity back: `info` can
/// then tell whether it is closed. The facet normals are ignored (a face normal is not a vertex normal). A binary file
/// is one whose size is exactly 84 + 50 × its triangle count; a file starting with `solid` that is not is read as
/// ASCII. A binary count that does not match the size is refused before anything is allocated for it.
/// </summary>
internal static class StlReader
{
    const int HeaderSize = 80;
    const int TriangleSize = 50;

    public static Mesh Read(ReadOnlySpan<byte> data, string file, GeometryReadOptions options)
    {
        var checks = new NonFiniteVertices(file, options);
        var corners = IsBinary(data, out uint declared) ? ReadBinary(data, declared, file) : ReadAscii(data, file);
        return checks.Apply(Weld(corners, checks));
    }

    /// <summary>Whether the data is binary STL: its size matches the count in its header, or it does not start with "solid".</summary>
    public static bool IsBinary(ReadOnlySpan<byte> data, out uint declared)
    {
        declared = data.Length >= HeaderSize + 4 ? BinaryPrimitives.ReadUInt32LittleEndian(data[HeaderSize..]) : 0;
        if (data.Length >= HeaderSize + 4 && (long)data.Length == HeaderSize + 4 + (long)TriangleSize * declared) return true;
        // Some exporters start a binary header with "solid" too; NUL bytes are what text never holds.
        return !TextFields.TrimStart(data).StartsWith("solid"u8) || data[..Math.Min(data.Length, 1024)].Contains((byte)0);
    }

    static List<Vector3d> ReadBinary(ReadOnlySpan<byte> data, uint declared, string file)
    {
        if (data.Length < HeaderSize + 4)
            throw new GeometryFileException(file, "header", $"a binary STL needs an 84-byte header, the file has {data.Length} bytes");
        long expected = HeaderSize + 4 + (long)TriangleSize * declared;
        if (expected != data.Length)
            throw new GeometryFileException(file, "header",
                $"the header declares {declared} triangles, which take {expected} bytes, but the file has {data.Length}: the file is truncated or the count is wrong");
        var corners = new List<Vector3d>(checked((int)declared * 3));
        for (int t = 0; t < declared; t++)
        {
            var record = data.Slice(HeaderSize + 4 + t * TriangleSize, TriangleSize);
            // 12 bytes of facet normal come first and are not used.
            for (int c = 0; c < 3; c++)
            {
                var at = record[(12 + 12 * c)..];
                corners.Add(new Vector3d(BinaryPrimitives.ReadSingleLittleEndian(at), BinaryPrimitives.ReadSingleLittleEndian(at[4..]),
                    BinaryPrimitives.ReadSingleLittleEndian(at[8..])));
            }
        }
        return corners;
    }

    static List<Vector3d> ReadAscii(ReadOnlySpan<byte> data, string file)
    {
        var corners = new List<Vector3d>();
        var lines = new TextLineReader(data);
        int inLoop = -1;
        bool sawSolid = false, sawEnd = false;
        Span<double> xyz = stackalloc double[3];
        while (lines.TryReadLine(out var line))
        {
            var fields = new TextFields(TextFields.Trim(line));
            if (!fields.TryNext(out var keyword)) continue;
            string where = $"line {lines.LineNumber}";
            if (sawEnd) throw new GeometryFileException(file, where, "text follows 'endsolid'");
            if (!sawSolid)
            {
                if (!keyword.SequenceEqual("solid"u8)) throw new GeometryFileException(file, where, $"an ASCII STL starts with 'solid', not {AsciiNumber.Quote(keyword)}");
                sawSolid = true;
                continue;
            }
            if (keyword.SequenceEqual("vertex"u8))
            {
                if (inLoop < 0) throw new GeometryFileException(file, where, "'vertex' outside an 'outer loop'");
                for (int k = 0; k < 3; k++)
                {
                    if (!fields.TryNext(out var field)) throw new GeometryFileException(file, where, $"a vertex needs 3 values, found {k}");
                    // STL corners are float32: parsed as float, so what nlset writes reads back bit for bit.
                    if (AsciiNumber.TryParseFloat(field, out float f)) xyz[k] = f;
                    else if (!AsciiNumber.TryParseDoubleOrNonFinite(field, out xyz[k])) throw new GeometryFileException(file, where, AsciiNumber.Problem(field));
                }
                corners.Add(new Vector3d(xyz[0], xyz[1], xyz[2]));
                inLoop++;
            }
            else if (keyword.SequenceEqual("outer"u8)) inLoop = 0;
            else if (keyword.SequenceEqual("endloop"u8))
            {
                if (inLoop != 3) throw new GeometryFileException(file, where, $"a facet needs 3 vertices, this one lists {Math.Max(inLoop, 0)}");
                inLoop = -1;
            }
            else if (keyword.SequenceEqual("endsolid"u8)) sawEnd = true;
            else if (!(keyword.SequenceEqual("facet"u8) || keyword.SequenceEqual("endfacet"u8)))
                throw new GeometryFileException(file, where, $"unknown ASCII STL keyword {AsciiNumber.Quote(keyword)}");
        }
        if (inLoop >= 0) throw new GeometryFileException(file, null, "the file ends inside a facet");
        if (!sawEnd) throw new GeometryFileException(file, null, "the file ends before 'endsolid': it is truncated");
        return corners;
    }

    /// <summary>One vertex per distinct corner position (bit-exact), triangles over them, in file order.</summary>
    static Mesh Weld(List<Vector3d> corners, NonFiniteVertices checks)
    {
        var index = new Dictionary<Vector3d, int>(corners.Count / 2);
        var vertices = new List<Vector3d>(corners.Count / 2);
        var triangles = new int[corners.Count];
        for (int c = 0; c < corners.Count; c++)
        {
            var p = corners[c];
            if (!index.TryGetValue(p, out int v))
            {
                v = vertices.Count;
                index[p] = v;
                vertices.Add(p);
                if (!p.IsFinite) checks.BadPosition(v, p, $"triangle {c / 3}");
            }
            triangles[c] = v;
        }
        return new Mesh([.. vertices], triangles: triangles);
    }
}
