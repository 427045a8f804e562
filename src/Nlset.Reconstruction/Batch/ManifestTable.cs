using System.Globalization;
using System.Text;
using System.Text.Json;
using Nlset.Geometry;

namespace Nlset.Reconstruction.Batch;

/// <summary>The two table formats of a manifest: CSV with a header row (RFC 4180 quoting) and JSON lines.</summary>
static class ManifestTable
{
    public static IReadOnlyList<BatchRow> Csv(string manifest, string[] lines)
    {
        int headerLine = Array.FindIndex(lines, l => !Skipped(l));
        if (headerLine < 0) return [];
        var header = Fields(lines[headerLine], $"{manifest}:{headerLine + 1}").Select(h => h.Trim()).ToArray();
        if (!header.Contains("input", StringComparer.OrdinalIgnoreCase))
            throw new InvalidInputException($"{manifest}:{headerLine + 1}: the first line names the columns and one must be 'input' " +
                "(then optionally output, options, --OPTION columns, and others kept for batch-report)");
        var rows = new List<BatchRow>();
        for (int i = headerLine + 1; i < lines.Length; i++)
        {
            if (Skipped(lines[i])) continue;
            var source = $"{manifest}:{i + 1}";
            var fields = Fields(lines[i], source);
            if (fields.Count > header.Length)
                throw new InvalidInputException($"{source}: {fields.Count} fields, but the header names {header.Length} columns");
            var values = new List<(string Name, string? Text, bool? Flag)>();
            for (int c = 0; c < header.Length; c++)
            {
                var text = c < fields.Count ? fields[c].Trim() : "";
                values.Add((header[c], text, null));
            }
            rows.Add(Row(manifest, rows.Count, source, values));
        }
        return rows;
    }

    public static IReadOnlyList<BatchRow> JsonLines(string manifest, string[] lines)
    {
        var rows = new List<BatchRow>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (Skipped(lines[i])) continue;
            var source = $"{manifest}:{i + 1}";
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(lines[i]);
            }
            catch (JsonException e)
            {
                throw new InvalidInputException($"{source}: not a JSON object: {e.Message}");
            }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object) throw new InvalidInputException($"{source}: not a JSON object");
                var values = new List<(string Name, string? Text, bool? Flag)>();
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    var v = property.Value;
                    if (property.NameEquals("options") && v.ValueKind == JsonValueKind.Array)
                    {
                        if (v.EnumerateArray().Any(w => w.ValueKind != JsonValueKind.String))
                            throw new InvalidInputException($"{source}: options must be a string or an array of strings");
                        values.Add(("options", string.Join(' ', v.EnumerateArray().Select(w => Quote(w.GetString()!))), null));
                        continue;
                    }
                    values.Add(v.ValueKind switch
                    {
                        JsonValueKind.String => (property.Name, v.GetString(), null),
                        JsonValueKind.Number => (property.Name, v.GetRawText(), null),
                        JsonValueKind.True => (property.Name, null, true),
                        JsonValueKind.False or JsonValueKind.Null => (property.Name, null, false),
                        _ => throw new InvalidInputException($"{source}: '{property.Name}' must be a string, a number or true/false"),
                    });
                }
                rows.Add(Row(manifest, rows.Count, source, values));
            }
        }
        return rows;
    }

    /// <summary>One row from its named values; a --OPTION's true is the flag alone, false or empty leaves it out.</summary>
    static BatchRow Row(string manifest, int index, string source, List<(string Name, string? Text, bool? Flag)> values)
    {
        string? input = null, output = null;
        var options = new List<string>();
        var columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var folder = Path.GetDirectoryName(Path.GetFullPath(manifest))!;
        foreach (var (name, text, flag) in values)
        {
            if (name.Equals("input", StringComparison.OrdinalIgnoreCase)) input = text;
            else if (name.Equals("output", StringComparison.OrdinalIgnoreCase)) output = text;
            else if (name.Equals("options", StringComparison.OrdinalIgnoreCase))
            {
                if (!string.IsNullOrWhiteSpace(text)) options.AddRange(CommandWords.Split(text, source));
            }
            else if (name.StartsWith("--", StringComparison.Ordinal))
            {
                bool? on = flag ?? (text?.ToLowerInvariant() switch { "true" or "yes" => true, "false" or "no" or "" or null => false, _ => null });
                if (on == true) options.Add(name);
                else if (on is null) options.AddRange([name, text!]);
            }
            else if (text != null) columns[name] = text;
        }
        if (string.IsNullOrWhiteSpace(input)) throw new InvalidInputException($"{source}: no input");
        return new BatchRow(index, Path.GetFullPath(input, folder), string.IsNullOrWhiteSpace(output) ? null : Path.GetFullPath(output, folder),
            options, columns, source, folder);
    }

    /// <summary>Blank lines and lines starting with '#' (comments) are not rows.</summary>
    static bool Skipped(string line) => line.Trim() is "" || line.TrimStart().StartsWith('#');

    /// <summary>A CSV line's fields: commas separate, double quotes group (a doubled quote is one quote).</summary>
    static List<string> Fields(string line, string source)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') field.Append(line[++i]);
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else field.Append(c);
        }
        if (quoted) throw new InvalidInputException($"{source}: a quoted field is not closed (a field cannot span lines)");
        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>An option word from a JSON array, quoted so that <see cref="CommandWords"/> gives it back whole.</summary>
    static string Quote(string word) =>
        word.Length > 0 && !word.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\') ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
