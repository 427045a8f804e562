using TextEncoding = System.Text.Encoding;

namespace Nlset.Geometry.IO;

/// <summary>One property of a PLY element: a scalar, or a list (a count followed by that many items).</summary>
internal sealed record PlyProperty(string Name, PlyScalarType Type, PlyScalarType? CountType)
{
    public bool IsList => CountType.HasValue;
}

/// <summary>One element declaration of a PLY header: a name, how many instances the body holds, their properties.</summary>
internal sealed class PlyElement(string name, int count)
{
    public string Name { get; } = name;
    public int Count { get; } = count;
    public List<PlyProperty> Properties { get; } = [];

    public PlyProperty? Find(string name) => Properties.Find(p => p.Name == name);
}

/// <summary>
/// The header of a PLY file: "ply", a format line, comments, and element declarations with their
/// properties, up to "end_header". Parsing checks everything the body reader relies on, so a body
/// error is always about the data, never about a declaration.
/// </summary>
internal sealed class PlyHeader
{
    PlyHeader(PlyEncoding encoding, List<PlyElement> elements, List<string> comments, int bodyOffset, int lineCount)
    {
        Encoding = encoding;
        Elements = elements;
        Comments = comments;
        BodyOffset = bodyOffset;
        LineCount = lineCount;
    }

    public PlyEncoding Encoding { get; }
    public List<PlyElement> Elements { get; }
    public List<string> Comments { get; }
    /// <summary>Offset of the first body byte (just after the end_header line).</summary>
    public int BodyOffset { get; }
    /// <summary>Lines in the header, so ascii body lines can be numbered as in the file.</summary>
    public int LineCount { get; }

    public PlyElement Vertex => Elements.Find(e => e.Name == "vertex")!;
    public PlyElement? Face => Elements.Find(e => e.Name == "face");
    public PlyElement? Edge => Elements.Find(e => e.Name == "edge");

    /// <summary>The face element's index list: "vertex_indices" is standard, "vertex_index" a common variant.</summary>
    public static PlyProperty? FaceIndices(PlyElement face) => face.Find("vertex_indices") ?? face.Find("vertex_index");

    public static PlyHeader Parse(ReadOnlySpan<byte> data, string file)
    {
        var lines = new TextLineReader(data);
        if (!lines.TryReadLine(out var magic) || !TextFields.Trim(magic).SequenceEqual("ply"u8))
            throw new GeometryFileException(file, "header", "not a PLY file: the first line is not 'ply'");

        PlyEncoding? encoding = null;
        var elements = new List<PlyElement>();
        var comments = new List<string>();
        while (true)
        {
            if (!lines.TryReadLine(out var line))
                throw new GeometryFileException(file, "header", "the header has no end_header line");
            string where = $"header line {lines.LineNumber}";
            var fields = new TextFields(line);
            if (!fields.TryNext(out var keyword)) continue;

            if (keyword.SequenceEqual("end_header"u8)) break;
            if (keyword.SequenceEqual("comment"u8))
                comments.Add(TextFields.CommentText(fields.Rest));
            else if (keyword.SequenceEqual("obj_info"u8))
                continue;
            else if (keyword.SequenceEqual("format"u8))
                encoding = ParseFormat(ref fields, file, where);
            else if (keyword.SequenceEqual("element"u8))
                elements.Add(ParseElement(ref fields, elements, file, where));
            else if (keyword.SequenceEqual("property"u8))
            {
                if (elements.Count == 0) throw new GeometryFileException(file, where, "a property is declared before any element");
                var element = elements[^1];
                var property = ParseProperty(ref fields, file, where);
                if (element.Find(property.Name) != null)
                    throw new GeometryFileException(file, where, $"element {element.Name} declares property {property.Name} twice");
                element.Properties.Add(property);
            }
            else
                throw new GeometryFileException(file, where, $"unknown header keyword {AsciiNumber.Quote(keyword)}");
        }

        if (encoding == null) throw new GeometryFileException(file, "header", "the header has no format line");
        var header = new PlyHeader(encoding.Value, elements, comments, lines.Position, lines.LineNumber);
        header.CheckInterpretedElements(file);
        return header;
    }

    static PlyEncoding ParseFormat(ref TextFields fields, string file, string where)
    {
        if (!fields.TryNext(out var name)) throw new GeometryFileException(file, where, "the format line names no format");
        PlyEncoding? encoding = name switch
        {
            _ when name.SequenceEqual("ascii"u8) => PlyEncoding.Ascii,
            _ when name.SequenceEqual("binary_little_endian"u8) => PlyEncoding.BinaryLittleEndian,
            _ when name.SequenceEqual("binary_big_endian"u8) => PlyEncoding.BinaryBigEndian,
            _ => null,
        };
        return encoding ?? throw new GeometryFileException(file, where,
            $"unsupported PLY format {AsciiNumber.Quote(name)} (expected ascii, binary_little_endian or binary_big_endian)");
    }

    static PlyElement ParseElement(ref TextFields fields, List<PlyElement> elements, string file, string where)
    {
        if (!fields.TryNext(out var nameField) || !fields.TryNext(out var countField))
            throw new GeometryFileException(file, where, "an element line needs a name and a count");
        string name = TextEncoding.UTF8.GetString(nameField);
        if (!AsciiNumber.TryParseInteger(countField, out long count) || count < 0 || count > int.MaxValue)
            throw new GeometryFileException(file, where, $"element {name} has an invalid count {AsciiNumber.Quote(countField)}");
        if (elements.Exists(e => e.Name == name))
            throw new GeometryFileException(file, where, $"element {name} is declared twice");
        return new PlyElement(name, (int)count);
    }

    static PlyProperty ParseProperty(ref TextFields fields, string file, string where)
    {
        if (!fields.TryNext(out var typeField)) throw new GeometryFileException(file, where, "a property line needs a type and a name");
        PlyScalarType? countType = null;
        if (typeField.SequenceEqual("list"u8))
        {
            if (!fields.TryNext(out var countField)) throw new GeometryFileException(file, where, "a list property needs a count type");
            countType = ScalarType(countField, file, where);
            if (!countType.Value.IsInteger())
                throw new GeometryFileException(file, where, $"list count type {countType.Value.Name()} is not an integer type");
            if (!fields.TryNext(out typeField)) throw new GeometryFileException(file, where, "a list property needs an item type");
        }
        var type = ScalarType(typeField, file, where);
        if (!fields.TryNext(out var nameField)) throw new GeometryFileException(file, where, "a property line needs a name");
        return new PlyProperty(TextEncoding.UTF8.GetString(nameField), type, countType);
    }

    static PlyScalarType ScalarType(ReadOnlySpan<byte> name, string file, string where) =>
        PlyScalarTypes.TryParse(name, out var type)
            ? type
            : throw new GeometryFileException(file, where, $"unknown property type {AsciiNumber.Quote(name)}");

    /// <summary>The elements nlset interprets must have the properties it reads, with usable types.</summary>
    void CheckInterpretedElements(string file)
    {
        var vertex = Elements.Find(e => e.Name == "vertex")
            ?? throw new GeometryFileException(file, "header", "the header declares no vertex element");
        foreach (var axis in new[] { "x", "y", "z" })
        {
            var p = vertex.Find(axis) ?? throw new GeometryFileException(file, "header", "the vertex element has no x, y and z properties");
            if (p.IsList) throw new GeometryFileException(file, "header", $"vertex property {axis} is a list, not a scalar");
        }
        foreach (var axis in new[] { "nx", "ny", "nz" })
            if (vertex.Find(axis) is { IsList: true })
                throw new GeometryFileException(file, "header", $"vertex property {axis} is a list, not a scalar");

        if (Face is { } face)
        {
            var indices = FaceIndices(face) ?? throw new GeometryFileException(file, "header", "the face element has no vertex_indices list");
            if (!indices.IsList) throw new GeometryFileException(file, "header", $"face property {indices.Name} is not a list");
            if (!indices.Type.IsInteger()) throw new GeometryFileException(file, "header", $"face property {indices.Name} holds {indices.Type.Name()}, not integers");
        }
        if (Edge is { } edge)
        {
            foreach (var end in new[] { "vertex1", "vertex2" })
            {
                var p = edge.Find(end) ?? throw new GeometryFileException(file, "header", "the edge element has no vertex1 and vertex2 properties");
                if (p.IsList || !p.Type.IsInteger())
                    throw new GeometryFileException(file, "header", $"edge property {end} is not an integer scalar");
            }
        }
    }
}
