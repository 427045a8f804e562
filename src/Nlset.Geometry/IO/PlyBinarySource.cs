namespace Nlset.Geometry.IO;

/// <summary>A binary PLY body (either byte order) read in place from the file's bytes.</summary>
internal ref struct PlyBinarySource : IPlyBodySource
{
    readonly ReadOnlySpan<byte> _body;
    readonly bool _bigEndian;
    readonly string _file;
    int _position;
    PlyElement? _element;
    int _index;

    public PlyBinarySource(ReadOnlySpan<byte> body, bool bigEndian, string file)
    {
        _body = body;
        _bigEndian = bigEndian;
        _file = file;
    }

    public readonly string Location => _element == null ? "body" : $"{_element.Name} {_index}";

    public void BeginInstance(PlyElement element, int index)
    {
        _element = element;
        _index = index;
    }

    public double ReadReal(PlyScalarType type) => type.ReadReal(Take(type.Size()), _bigEndian);

    public long ReadInteger(PlyScalarType type) => type.ReadInteger(Take(type.Size()), _bigEndian);

    public void Skip(PlyScalarType type, long count)
    {
        long size = count * type.Size();
        if (size > _body.Length - _position) throw Truncated();
        _position += (int)size;
    }

    public readonly void EndInstance() { }

    public readonly void EndBody()
    {
        int extra = _body.Length - _position;
        if (extra > 0)
            throw new GeometryFileException(_file, "end of data",
                $"{extra} bytes follow the last element: the element counts do not match the data");
    }

    public readonly int MaxInstances(PlyElement element, int listItems) =>
        (_body.Length - _position) / Math.Max(1, element.Properties.Sum(p => p.IsList ? p.CountType!.Value.Size() + listItems * p.Type.Size() : p.Type.Size()));

    ReadOnlySpan<byte> Take(int size)
    {
        if (size > _body.Length - _position) throw Truncated();
        var span = _body.Slice(_position, size);
        _position += size;
        return span;
    }

    readonly GeometryFileException Truncated() => new(_file, Location,
        $"the file ends early: the binary body is truncated (the header declares {_element?.Count} {_element?.Name} elements)");
}
