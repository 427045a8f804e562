namespace Nlset.Geometry.IO;

/// <summary>
/// Reads a point cloud with one point per line, "x y z" or "x y z nx ny nz", the values separated by
/// spaces, tabs or commas. Blank lines and lines starting with # are skipped (the # lines before the
/// first point are kept as comments). Every line must have as many values as the first.
/// </summary>
internal static class XyzReader
{
    public static Mesh Read(ReadOnlySpan<byte> data, string file)
    {
        int estimate = TextLineReader.CountLines(data);
        var points = new List<Vector3d>(estimate);
        List<Vector3d>? normals = null;
        var comments = new List<string>();
        int columns = 0;
        Span<double> values = stackalloc double[6];

        var lines = new TextLineReader(data);
        while (lines.TryReadLine(out var line))
        {
            var start = TextFields.TrimStart(line);
            if (start.IsEmpty) continue;
            if (start[0] == (byte)'#')
            {
                if (columns == 0) comments.Add(TextFields.CommentText(start[1..]));
                continue;
            }
            string where = $"line {lines.LineNumber}";
            var fields = new TextFields(start, commaSeparates: true);
            int count = 0;
            while (fields.TryNext(out var field))
            {
                if (count < values.Length && !AsciiNumber.TryParseDouble(field, out values[count]))
                    throw new GeometryFileException(file, where, AsciiNumber.Problem(field));
                count++;
            }
            if (columns == 0)
            {
                if (count != 3 && count != 6)
                    throw new GeometryFileException(file, where, $"a point needs x y z or x y z nx ny nz, this line has {count} values");
                columns = count;
                if (columns == 6) normals = new List<Vector3d>(estimate);
            }
            else if (count != columns)
                throw new GeometryFileException(file, where, $"{count} values where the first point has {columns}");

            var point = new Vector3d(values[0], values[1], values[2]);
            if (!point.IsFinite) throw new GeometryFileException(file, where, $"a coordinate is not finite: {point}");
            points.Add(point);
            if (normals != null)
            {
                var normal = new Vector3d(values[3], values[4], values[5]);
                if (!normal.IsFinite) throw new GeometryFileException(file, where, $"the normal is not finite: {normal}");
                normals.Add(normal);
            }
        }
        return new Mesh(points.ToArray(), normals?.ToArray()) { Comments = comments };
    }
}
