namespace Nlset.Geometry.IO;

/// <summary>
/// Reads a text point export: one point per line, values separated by spaces, tabs or commas. What the columns
/// hold comes from <see cref="GeometryReadOptions.Columns"/>, else from a header row naming them (a first row
/// that is not all numbers, such as `x,y,z` or CloudCompare's `//X,Y,Z,R,G,B`), else from the values
/// (<see cref="TextColumns.Guess"/>, with a warning whenever there are more than the three position columns).
/// A first line holding a single integer (the point count some .pts files start with) is skipped. Blank lines and
/// # lines are skipped (the # lines before the first point are kept as comments). Every row must have as many
/// values as the first.
/// </summary>
internal static class XyzReader
{
    public static Mesh Read(ReadOnlySpan<byte> data, string file, GeometryReadOptions options)
    {
        var checks = new NonFiniteVertices(file, options);
        var comments = new List<string>();
        TextColumns? columns = options.Columns is { } named ? TextColumns.FromOption(named, file, options.SettingName(nameof(GeometryReadOptions.Columns))) : null;
        bool givenByUser = columns != null;
        int width = 0;
        var values = new List<double>(3 * TextLineReader.CountLines(data));
        bool sawData = false;
        Span<double> row = stackalloc double[64];

        var lines = new TextLineReader(data);
        while (lines.TryReadLine(out var line))
        {
            var start = TextFields.TrimStart(line);
            if (start.IsEmpty) continue;
            if (start[0] == (byte)'#')
            {
                if (sawData) continue;
                // "# x y z nx ny nz" names the columns (nlset writes it so, as do some exporters); other # lines are comments.
                if (!givenByUser && IsHeaderRow(TextFields.TrimStart(start[1..]), out var commented) && commented.Count >= 3
                    && commented.Take(3).Select(n => n.ToLowerInvariant()).SequenceEqual(["x", "y", "z"]))
                    columns = TextColumns.FromHeader(commented, file, $"line {lines.LineNumber}");
                else comments.Add(TextFields.CommentText(start[1..]));
                continue;
            }
            string where = $"line {lines.LineNumber}";
            if (!sawData)
            {
                sawData = true;
                if (IsHeaderRow(start, out var names))
                {
                    if (!givenByUser) columns = TextColumns.FromHeader(names, file, where);
                    continue;
                }
                if (IsCountLine(start)) continue;
            }

            var fields = new TextFields(start, commaSeparates: true);
            int count = 0;
            while (fields.TryNext(out var field))
            {
                if (count < row.Length && !AsciiNumber.TryParseDoubleOrNonFinite(field, out row[count]))
                    throw new GeometryFileException(file, where, AsciiNumber.Problem(field));
                count++;
            }
            if (width == 0)
            {
                if (count < 3) throw new GeometryFileException(file, where, $"a point needs at least x y z, this line has {count} value{(count == 1 ? "" : "s")}");
                if (count > row.Length) throw new GeometryFileException(file, where, $"{count} values on a line; at most {row.Length} columns are supported");
                if (columns != null && columns.Count != count)
                    throw new GeometryFileException(file, where,
                        $"{(givenByUser ? options.SettingName(nameof(GeometryReadOptions.Columns)) : "the header row")} names {columns.Count} columns ({columns.Description}), this line has {count} values");
                width = count;
            }
            else if (count != width)
                throw new GeometryFileException(file, where, $"{count} values where the first point has {width}");

            int x = columns?.IndexOf(ColumnRole.X) ?? 0, y = columns?.IndexOf(ColumnRole.Y) ?? 1, z = columns?.IndexOf(ColumnRole.Z) ?? 2;
            var position = new Vector3d(row[x], row[y], row[z]);
            if (!position.IsFinite) checks.BadPosition(values.Count / width, position, where);
            for (int k = 0; k < width; k++) values.Add(row[k]);
        }
        if (width == 0)
        {
            if (columns != null && !givenByUser) throw new GeometryFileException(file, null, "no points: the file has a header row and no data rows");
            return new Mesh([]) { Comments = comments };
        }

        var all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values);
        if (columns == null)
        {
            columns = TextColumns.Guess(width, all);
            if (width > 3)
                options.Warn(file, $"no header row names the {width} columns: read them as {columns.Description} "
                    + $"(normals: unit-length triples; colours: integers 0..255 or values 0..1; _ ignored); give {options.SettingName(nameof(GeometryReadOptions.Columns))} to say what they are");
        }
        return checks.Apply(Build(all, width, columns, file, checks, comments));
    }

    static Mesh Build(ReadOnlySpan<double> values, int width, TextColumns columns, string file, NonFiniteVertices checks, List<string> comments)
    {
        int rows = values.Length / width;
        var points = new Vector3d[rows];
        int x = columns.IndexOf(ColumnRole.X), y = columns.IndexOf(ColumnRole.Y), z = columns.IndexOf(ColumnRole.Z);
        for (int r = 0; r < rows; r++) points[r] = new Vector3d(values[r * width + x], values[r * width + y], values[r * width + z]);

        Vector3d[]? normals = null;
        if (columns.HasNormals)
        {
            normals = new Vector3d[rows];
            int nx = columns.IndexOf(ColumnRole.Nx), ny = columns.IndexOf(ColumnRole.Ny), nz = columns.IndexOf(ColumnRole.Nz);
            for (int r = 0; r < rows; r++)
            {
                normals[r] = new Vector3d(values[r * width + nx], values[r * width + ny], values[r * width + nz]);
                if (!normals[r].IsFinite) checks.BadNormal(r, $"point {r}");
            }
        }

        VertexColor[]? colors = null;
        if (columns.HasColors)
        {
            int[] at = [columns.IndexOf(ColumnRole.Red), columns.IndexOf(ColumnRole.Green), columns.IndexOf(ColumnRole.Blue)];
            // Colours are 0..255 integers or 0..1 fractions for the whole file; anything else is not a colour.
            bool unit = true;
            for (int r = 0; r < rows; r++)
                foreach (int c in at)
                {
                    double v = values[r * width + c];
                    if (!(v >= 0 && v <= 255)) throw new GeometryFileException(file, $"point {r}", $"colour value {v} is outside 0..255");
                    if (v > 1) unit = false;
                }
            colors = new VertexColor[rows];
            for (int r = 0; r < rows; r++)
                colors[r] = new VertexColor(VertexColor.Channel(values[r * width + at[0]], unit), VertexColor.Channel(values[r * width + at[1]], unit),
                    VertexColor.Channel(values[r * width + at[2]], unit));
        }
        return new Mesh(points, normals, colors: colors) { Comments = comments };
    }

    /// <summary>A first row with a field that is not a number names the columns (a leading // is CloudCompare's).</summary>
    static bool IsHeaderRow(ReadOnlySpan<byte> line, out List<string> names)
    {
        names = [];
        if (line.StartsWith("//"u8)) line = line[2..];
        var fields = new TextFields(line, commaSeparates: true);
        bool allNumbers = true;
        while (fields.TryNext(out var field))
        {
            if (!AsciiNumber.TryParseDoubleOrNonFinite(field, out _)) allNumbers = false;
            names.Add(System.Text.Encoding.UTF8.GetString(field));
        }
        // A name must start like a word: "1.5e" garbage in a data row stays a malformed number, not a header.
        return !allNumbers && names.All(n => n.TrimStart('"', '\'') is { Length: > 0 } name && (char.IsLetter(name[0]) || name[0] == '_'));
    }

    static bool IsCountLine(ReadOnlySpan<byte> line)
    {
        var fields = new TextFields(line, commaSeparates: true);
        return fields.TryNext(out var only) && !fields.HasMore && AsciiNumber.TryParseInteger(only, out long n) && n >= 0;
    }
}
