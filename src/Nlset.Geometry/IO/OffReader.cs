namespace Nlset.Geometry.IO;

/// <summary>
/// Reads an Object File Format file: the keyword (OFF, or with the prefixes ST, C and N in any
/// combination, such as NOFF, COFF or CNOFF; the keyword may also be left out), the counts
/// "vertices faces [edges]" (on the keyword's line or the next), one vertex per line (x y z, then
/// nx ny nz for N; colours and texture coordinates after them are ignored), one face per line
/// ("n i1 ... in", then an optional colour, ignored), polygons fan-triangulated. # starts a comment;
/// comment lines before the first vertex are kept. 4OFF, nOFF and binary OFF are not supported.
/// </summary>
internal static class OffReader
{
    public static Mesh Read(ReadOnlySpan<byte> data, string file, GeometryReadOptions options)
    {
        var checks = new NonFiniteVertices(file, options);
        var comments = new List<string>();
        var lines = new TextLineReader(data);
        if (!NextDataLine(ref lines, comments, out var first))
            throw new GeometryFileException(file, null, "the file holds no OFF data");

        var fields = new TextFields(first);
        fields.TryNext(out var keyword);
        bool hasNormals = false;
        if (!AsciiNumber.TryParseInteger(keyword, out _))
        {
            hasNormals = ParseKeyword(keyword, file, $"line {lines.LineNumber}");
            if (fields.TryNext(out var next) && next.SequenceEqual("BINARY"u8))
                throw new GeometryFileException(file, $"line {lines.LineNumber}", "binary OFF is not supported");
            fields = new TextFields(first);
            fields.TryNext(out _);
            if (!fields.HasMore)
            {
                if (!NextDataLine(ref lines, comments, out var countsLine))
                    throw new GeometryFileException(file, $"line {lines.LineNumber}", "the file ends before the vertex and face counts");
                fields = new TextFields(countsLine);
            }
        }
        else
            fields = new TextFields(first);

        string countsAt = $"line {lines.LineNumber}";
        int vertexCount = ReadCount(ref fields, file, countsAt, "vertex");
        int faceCount = ReadCount(ref fields, file, countsAt, "face");

        int lineCount = TextLineReader.CountLines(data);
        // A corrupt count must not allocate more than the file could hold; the loop below reports where it ends.
        int capacity = Math.Min(vertexCount, lineCount);
        var vertices = new Vector3d[capacity];
        var normals = hasNormals ? new Vector3d[capacity] : null;
        int valuesPerVertex = hasNormals ? 6 : 3;
        Span<double> values = stackalloc double[6];
        for (int i = 0; i < vertexCount; i++)
        {
            if (!NextDataLine(ref lines, comments: null, out var line))
                throw new GeometryFileException(file, $"vertex {i}", $"the file ends early: the header declares {vertexCount} vertices, the file holds {i}");
            string where = $"line {lines.LineNumber}";
            var vertexFields = new TextFields(line);
            for (int k = 0; k < valuesPerVertex; k++)
            {
                if (!vertexFields.TryNext(out var field))
                    throw new GeometryFileException(file, where, $"vertex {i} needs {valuesPerVertex} values, found {k}");
                if (!AsciiNumber.TryParseDoubleOrNonFinite(field, out values[k]))
                    throw new GeometryFileException(file, where, AsciiNumber.Problem(field));
            }
            vertices[i] = new Vector3d(values[0], values[1], values[2]);
            if (!vertices[i].IsFinite) checks.BadPosition(i, vertices[i], where);
            if (normals != null)
            {
                normals[i] = new Vector3d(values[3], values[4], values[5]);
                if (!normals[i].IsFinite) checks.BadNormal(i, where);
            }
        }

        var triangles = new List<int>((int)Math.Min(3L * Math.Min(faceCount, lineCount), Array.MaxLength));
        for (int f = 0; f < faceCount; f++)
        {
            if (!NextDataLine(ref lines, comments: null, out var line))
                throw new GeometryFileException(file, $"face {f}", $"the file ends early: the header declares {faceCount} faces, the file holds {f}");
            ReadFace(line, f, vertexCount, triangles, file, $"line {lines.LineNumber}");
        }

        if (NextDataLine(ref lines, comments: null, out _))
            throw new GeometryFileException(file, $"line {lines.LineNumber}",
                $"data follows the last face: the header's counts ({vertexCount} vertices, {faceCount} faces) do not match the data");
        return checks.Apply(new Mesh(vertices, normals, triangles.ToArray()) { Comments = comments });
    }

    /// <summary>Whether the keyword's prefixes ask for normals; rejects keywords that are not OFF or are unsupported variants.</summary>
    static bool ParseKeyword(ReadOnlySpan<byte> keyword, string file, string where)
    {
        if (!keyword.EndsWith("OFF"u8))
            throw new GeometryFileException(file, where, $"not an OFF file: expected the keyword OFF (or NOFF, COFF, ...), found {AsciiNumber.Quote(keyword)}");
        var prefix = keyword[..^3];
        bool normals = false, colours = false, texture = false;
        while (!prefix.IsEmpty)
        {
            if (prefix.StartsWith("ST"u8) && !texture) { texture = true; prefix = prefix[2..]; }
            else if (prefix[0] == (byte)'C' && !colours) { colours = true; prefix = prefix[1..]; }
            else if (prefix[0] == (byte)'N' && !normals) { normals = true; prefix = prefix[1..]; }
            else if (prefix[0] is (byte)'4' or (byte)'n')
                throw new GeometryFileException(file, where, $"{AsciiNumber.Quote(keyword)} is not supported: only 3-D OFF (with ST, C and N prefixes) is read");
            else
                throw new GeometryFileException(file, where, $"unknown OFF keyword {AsciiNumber.Quote(keyword)}");
        }
        return normals;
    }

    static void ReadFace(ReadOnlySpan<byte> line, int face, int vertexCount, List<int> triangles, string file, string where)
    {
        var fields = new TextFields(line);
        fields.TryNext(out var countField);
        if (!AsciiNumber.TryParseInteger(countField, out long corners))
            throw new GeometryFileException(file, where, $"face {face}: {AsciiNumber.Quote(countField)} is not a vertex count");
        if (corners < 3)
            throw new GeometryFileException(file, where, $"face {face} needs at least 3 vertices, it lists {corners}");
        int first = 0, previous = 0;
        for (long k = 0; k < corners; k++)
        {
            if (!fields.TryNext(out var field))
                throw new GeometryFileException(file, where, $"face {face} lists {k} of its {corners} vertex indices");
            if (!AsciiNumber.TryParseInteger(field, out long index))
                throw new GeometryFileException(file, where, $"face {face}: {AsciiNumber.Quote(field)} is not a vertex index");
            if (index < 0 || index >= vertexCount)
                throw new GeometryFileException(file, where, $"face {face}: vertex index {index} is out of range (the file has {vertexCount} vertices)");
            int current = (int)index;
            // Fan triangulation (v0, v[k-1], v[k]) keeps the polygon's winding for convex polygons.
            if (k == 0) first = current;
            else if (k >= 2)
            {
                triangles.Add(first);
                triangles.Add(previous);
                triangles.Add(current);
            }
            previous = current;
        }
        // Whatever follows the indices is the face's optional colour.
    }

    static int ReadCount(ref TextFields fields, string file, string where, string what)
    {
        if (!fields.TryNext(out var field))
            throw new GeometryFileException(file, where, $"the counts line has no {what} count");
        if (!AsciiNumber.TryParseInteger(field, out long count) || count < 0 || count > int.MaxValue)
            throw new GeometryFileException(file, where, $"invalid {what} count {AsciiNumber.Quote(field)}");
        return (int)count;
    }

    /// <summary>The next line with data, its comment cut off; whole comment lines go to <paramref name="comments"/> when given.</summary>
    static bool NextDataLine(ref TextLineReader lines, List<string>? comments, out ReadOnlySpan<byte> data)
    {
        while (lines.TryReadLine(out var line))
        {
            var start = TextFields.TrimStart(line);
            if (!start.IsEmpty && start[0] == (byte)'#')
            {
                comments?.Add(TextFields.CommentText(start[1..]));
                continue;
            }
            data = TextFields.WithoutComment(start);
            if (!TextFields.Trim(data).IsEmpty) return true;
        }
        data = default;
        return false;
    }
}
