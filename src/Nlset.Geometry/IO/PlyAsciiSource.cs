namespace Nlset.Geometry.IO;

/// <summary>An ascii PLY body: one element instance per line, values separated by white space.</summary>
internal ref struct PlyAsciiSource : IPlyBodySource
{
    readonly int _length;
    readonly string _file;
    TextLineReader _lines;
    TextFields _fields;
    PlyElement? _element;
    int _index;
    int _valuesRead;

    public PlyAsciiSource(ReadOnlySpan<byte> data, PlyHeader header, string file)
    {
        _length = data.Length;
        _file = file;
        _lines = new TextLineReader(data, header.BodyOffset, header.LineCount);
    }

    public readonly string Location => _element == null ? $"line {_lines.LineNumber}" : $"line {_lines.LineNumber} ({_element.Name} {_index})";

    public void BeginInstance(PlyElement element, int index)
    {
        _element = element;
        _index = index;
        _valuesRead = 0;
        if (!_lines.TryReadContentLine(out var line, skipComments: false))
            throw new GeometryFileException(_file, $"{element.Name} {index}",
                $"the file ends early: the header declares {element.Count} {element.Name} lines, the file holds {index}");
        _fields = new TextFields(line);
    }

    public double ReadReal(PlyScalarType type)
    {
        var field = Next();
        switch (type)
        {
            case PlyScalarType.Float32:
                if (!AsciiNumber.TryParseFloat(field, out float f)) throw Malformed(field);
                return f;
            case PlyScalarType.Float64:
                if (!AsciiNumber.TryParseDouble(field, out double d)) throw Malformed(field);
                return d;
            default:
                return CheckedInteger(field, type);
        }
    }

    public long ReadInteger(PlyScalarType type) => CheckedInteger(Next(), type);

    public void Skip(PlyScalarType type, long count)
    {
        for (long i = 0; i < count; i++) Next();
    }

    public readonly void EndInstance()
    {
        if (_fields.HasMore)
            throw new GeometryFileException(_file, Location,
                $"more values than the header declares for {_element!.Name} (expected {_valuesRead})");
    }

    public void EndBody()
    {
        _element = null;
        if (_lines.TryReadContentLine(out _, skipComments: false))
            throw new GeometryFileException(_file, $"line {_lines.LineNumber}",
                "data follows the last element: the element counts do not match the data");
    }

    // A value needs at least one character and one separator (space or line end) after it.
    public readonly int MaxInstances(PlyElement element, int listItems) =>
        (_length - _lines.Position + 1) / Math.Max(1, 2 * element.Properties.Sum(p => p.IsList ? 1 + listItems : 1));

    ReadOnlySpan<byte> Next()
    {
        if (!_fields.TryNext(out var field))
            throw new GeometryFileException(_file, Location,
                $"{_element!.Name} {_index} has too few values (found {_valuesRead}, the header declares more)");
        _valuesRead++;
        return field;
    }

    readonly long CheckedInteger(ReadOnlySpan<byte> field, PlyScalarType type)
    {
        if (!AsciiNumber.TryParseInteger(field, out long value))
            throw new GeometryFileException(_file, Location, $"{AsciiNumber.Quote(field)} is not an integer ({type.Name()} expected)");
        if (value < type.MinValue() || value > type.MaxValue())
            throw new GeometryFileException(_file, Location, $"{value} is out of range for {type.Name()}");
        return value;
    }

    readonly GeometryFileException Malformed(ReadOnlySpan<byte> field) => new(_file, Location, AsciiNumber.Problem(field));
}
