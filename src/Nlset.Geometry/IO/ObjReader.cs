namespace Nlset.Geometry.IO;

/// <summary>
/// Reads a Wavefront OBJ file: v (extra values such as w or a colour are ignored), vn, f in every form
/// (v, v/vt, v//vn, v/vt/vn, negative indices counting back from the latest vertex), polygons
/// fan-triangulated, l polylines, and the # comment lines before the first statement. Other statements
/// (vt, g, o, s, usemtl, mtllib, ...) are ignored.
/// <para>
/// OBJ attaches normals to face corners, a Mesh to vertices, so normals are kept only when they map one
/// to one: when the faces give every vertex exactly one normal (equal values count as one), or else when
/// there are as many vn as v lines and the face references agree with that pairing. Otherwise they are dropped.
/// </para>
/// </summary>
internal static class ObjReader
{
    const int NoNormal = -1;
    const int ConflictingNormals = -2;

    public static Mesh Read(ReadOnlySpan<byte> data, string file, GeometryReadOptions options)
    {
        var checks = new NonFiniteVertices(file, options);
        var badNormalLines = new List<string>();
        var vertices = new List<Vector3d>(TextLineReader.CountLines(data) / 2);
        var normals = new List<Vector3d>();
        var vertexNormal = new List<int>();
        var triangles = new List<int>();
        var polylines = new List<int[]>();
        var comments = new List<string>();
        bool inHeader = true;
        bool facesReferenceNormals = false;
        var corners = new List<int>();

        var lines = new TextLineReader(data);
        while (lines.TryReadLine(out var line))
        {
            // Comment text keeps its trailing spaces: only the line start is trimmed here.
            var trimmed = TextFields.TrimStart(line);
            if (trimmed.IsEmpty) continue;
            if (trimmed[0] == (byte)'#')
            {
                if (inHeader) comments.Add(TextFields.CommentText(trimmed[1..]));
                continue;
            }
            inHeader = false;
            var fields = new TextFields(TextFields.WithoutComment(trimmed));
            if (!fields.TryNext(out var keyword)) continue;
            string where = $"line {lines.LineNumber}";

            if (keyword.SequenceEqual("v"u8))
            {
                var v = ReadTriple(ref fields, file, where, "vertex");
                if (!v.IsFinite) checks.BadPosition(vertices.Count, v, where);
                vertices.Add(v);
                vertexNormal.Add(NoNormal);
            }
            else if (keyword.SequenceEqual("vn"u8))
            {
                var n = ReadTriple(ref fields, file, where, "normal");
                if (!n.IsFinite) badNormalLines.Add(where);
                normals.Add(n);
            }
            else if (keyword.SequenceEqual("f"u8))
            {
                corners.Clear();
                while (fields.TryNext(out var corner))
                {
                    var (v, n) = ParseCorner(corner, vertices.Count, normals.Count, file, where);
                    corners.Add(v);
                    if (n >= 0)
                    {
                        facesReferenceNormals = true;
                        int known = vertexNormal[v];
                        if (known == NoNormal) vertexNormal[v] = n;
                        else if (known >= 0 && known != n && normals[known] != normals[n]) vertexNormal[v] = ConflictingNormals;
                    }
                }
                if (corners.Count < 3)
                    throw new GeometryFileException(file, where, $"a face needs at least 3 vertices, this one lists {corners.Count}");
                // Fan triangulation (v0, v[k-1], v[k]) keeps the polygon's winding for convex polygons.
                for (int k = 2; k < corners.Count; k++)
                {
                    triangles.Add(corners[0]);
                    triangles.Add(corners[k - 1]);
                    triangles.Add(corners[k]);
                }
            }
            else if (keyword.SequenceEqual("l"u8))
            {
                corners.Clear();
                while (fields.TryNext(out var corner)) corners.Add(ParseCorner(corner, vertices.Count, normals.Count, file, where).Vertex);
                if (corners.Count < 2)
                    throw new GeometryFileException(file, where, $"a polyline needs at least 2 vertices, this one lists {corners.Count}");
                polylines.Add([.. corners]);
            }
        }

        var vertexArray = vertices.ToArray();
        var perVertexNormals = MatchNormals(vertexArray.Length, normals, vertexNormal, facesReferenceNormals);
        // A broken vn line drops the normals (they are optional everywhere); counted per vertex when they map to vertices.
        if (perVertexNormals != null)
        {
            for (int v = 0; v < perVertexNormals.Length; v++)
                if (!perVertexNormals[v].IsFinite) checks.BadNormal(v, $"vertex {v}");
        }
        else if (badNormalLines.Count > 0)
            options.Warn(file, $"{badNormalLines.Count} 'vn' normals are not finite (first at {badNormalLines[0]}); the normals are not used");
        return checks.Apply(new Mesh(vertexArray, perVertexNormals, triangles.ToArray(), polylines) { Comments = comments });
    }

    static Vector3d[]? MatchNormals(int vertexCount, List<Vector3d> normals, List<int> vertexNormal, bool facesReferenceNormals)
    {
        if (normals.Count == 0 || vertexNormal.Contains(ConflictingNormals)) return null;
        if (facesReferenceNormals && !vertexNormal.Contains(NoNormal))
            return vertexNormal.Select(n => normals[n]).ToArray();
        if (normals.Count != vertexCount) return null;
        for (int v = 0; v < vertexCount; v++)
            if (vertexNormal[v] >= 0 && normals[vertexNormal[v]] != normals[v]) return null;
        return normals.ToArray();
    }

    static Vector3d ReadTriple(ref TextFields fields, string file, string where, string what)
    {
        Span<double> xyz = stackalloc double[3];
        for (int axis = 0; axis < 3; axis++)
        {
            if (!fields.TryNext(out var field))
                throw new GeometryFileException(file, where, $"a {what} needs 3 values, found {axis}");
            if (!AsciiNumber.TryParseDoubleOrNonFinite(field, out xyz[axis]))
                throw new GeometryFileException(file, where, AsciiNumber.Problem(field));
        }
        return new Vector3d(xyz[0], xyz[1], xyz[2]);
    }

    /// <summary>One "v", "v/vt", "v//vn" or "v/vt/vn" reference, as 0-based vertex and normal indices (normal -1 when absent).</summary>
    static (int Vertex, int Normal) ParseCorner(ReadOnlySpan<byte> corner, int vertexCount, int normalCount, string file, string where)
    {
        int slash = corner.IndexOf((byte)'/');
        var vertexField = slash < 0 ? corner : corner[..slash];
        int vertex = ResolveIndex(vertexField, vertexCount, "vertex", file, where);
        int normal = -1;
        if (slash >= 0)
        {
            var rest = corner[(slash + 1)..];
            int second = rest.IndexOf((byte)'/');
            if (second >= 0 && second + 1 < rest.Length)
                normal = ResolveIndex(rest[(second + 1)..], normalCount, "normal", file, where);
        }
        return (vertex, normal);
    }

    static int ResolveIndex(ReadOnlySpan<byte> field, int count, string what, string file, string where)
    {
        if (!AsciiNumber.TryParseInteger(field, out long index))
            throw new GeometryFileException(file, where, $"{AsciiNumber.Quote(field)} is not a {what} index");
        if (index == 0)
            throw new GeometryFileException(file, where, $"{what} index 0 is invalid (OBJ indices start at 1)");
        // Negative indices count back from the latest definition: -1 is the last one so far.
        long resolved = index > 0 ? index - 1 : count + index;
        if (resolved < 0 || resolved >= count)
            throw new GeometryFileException(file, where, $"{what} index {index} is out of range ({count} {what}s defined before this line)");
        return (int)resolved;
    }
}
