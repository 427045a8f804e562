namespace Nlset.Geometry.IO;

/// <summary>
/// Reads a PLY file (ascii, binary little or big endian) into a <see cref="Mesh"/>: the vertex element's
/// x y z and, when all three are present, nx ny nz and red green blue (also diffuse_red ...; float colours are
/// taken as 0..1); the face element's vertex_indices (or vertex_index)
/// lists, fan-triangulated; the edge element's vertex1 vertex2 pairs as two-vertex polylines; header
/// comments. Every other property and element is skipped. Elements may come in any order.
/// </summary>
internal static class PlyReader
{
    // Slots of the nine vertex values nlset keeps; every other property is skipped.
    const int Skipped = -1;
    const int ColorSlot = 6;
    static readonly string[] VertexSlots = ["x", "y", "z", "nx", "ny", "nz", "red", "green", "blue"];
    static readonly string[] OtherColorNames = ["diffuse_red", "diffuse_green", "diffuse_blue"];

    public static Mesh Read(ReadOnlySpan<byte> data, string file, GeometryReadOptions options)
    {
        var header = PlyHeader.Parse(data, file);
        var checks = new NonFiniteVertices(file, options);
        if (header.Encoding == PlyEncoding.Ascii)
        {
            var ascii = new PlyAsciiSource(data, header, file);
            return checks.Apply(ReadBody(ref ascii, header, file, checks));
        }
        var binary = new PlyBinarySource(data[header.BodyOffset..], header.Encoding == PlyEncoding.BinaryBigEndian, file);
        return checks.Apply(ReadBody(ref binary, header, file, checks));
    }

    static Mesh ReadBody<TSource>(ref TSource source, PlyHeader header, string file, NonFiniteVertices checks) where TSource : IPlyBodySource, allows ref struct
    {
        var vertex = header.Vertex;
        var face = header.Face;
        var edge = header.Edge;
        Vertices read = new([], null, null);
        var triangles = new List<int>();
        var polylines = new List<int[]>();

        foreach (var element in header.Elements)
        {
            if (element.Count == 0 || element.Properties.Count == 0) continue;
            if (element == vertex) read = ReadVertices(ref source, element, file, checks);
            else if (element == face) ReadFaces(ref source, element, vertex.Count, triangles, file);
            else if (element == edge) ReadEdges(ref source, element, vertex.Count, polylines, file);
            else SkipElement(ref source, element, file);
        }
        source.EndBody();
        if (read.Normals == null && HasAll(vertex, "nx", "ny", "nz")) read = read with { Normals = [] };
        return new Mesh(read.Positions, read.Normals, triangles.ToArray(), polylines, read.Colors) { Comments = header.Comments };
    }

    readonly record struct Vertices(Vector3d[] Positions, Vector3d[]? Normals, VertexColor[]? Colors);

    static bool HasAll(PlyElement element, params string[] names) => names.All(n => element.Find(n) is { IsList: false });

    static int SlotOf(PlyProperty p)
    {
        if (p.IsList) return Skipped;
        int slot = Array.IndexOf(VertexSlots, p.Name);
        return slot >= 0 ? slot : Array.IndexOf(OtherColorNames, p.Name) is var c and >= 0 ? ColorSlot + c : Skipped;
    }

    static Vertices ReadVertices<TSource>(ref TSource source, PlyElement element, string file, NonFiniteVertices checks)
        where TSource : IPlyBodySource, allows ref struct
    {
        var properties = element.Properties.ToArray();
        var slots = properties.Select(SlotOf).ToArray();
        bool hasNormals = HasAll(element, "nx", "ny", "nz");
        bool hasColors = Enumerable.Range(0, 3).All(c => slots.Contains(ColorSlot + c));
        // Float colours are 0..1 (MeshLab, Open3D write them so), integer ones 0..255.
        bool unitColors = hasColors && properties.Where((_, j) => slots[j] >= ColorSlot).All(p => p.Type is PlyScalarType.Float32 or PlyScalarType.Float64);
        for (int j = 0; j < slots.Length; j++)
            if ((!hasNormals && slots[j] is >= 3 and < ColorSlot) || (!hasColors && slots[j] >= ColorSlot)) slots[j] = Skipped;

        // With empty lists assumed this is a true bound: the loop fails on missing data before outgrowing the arrays.
        int capacity = Math.Min(element.Count, source.MaxInstances(element, listItems: 0));
        var vertices = new Vector3d[capacity];
        var normals = hasNormals ? new Vector3d[capacity] : null;
        var colors = hasColors ? new VertexColor[capacity] : null;
        Span<double> values = stackalloc double[9];
        for (int i = 0; i < element.Count; i++)
        {
            source.BeginInstance(element, i);
            for (int j = 0; j < properties.Length; j++)
            {
                if (slots[j] >= 0) values[slots[j]] = source.ReadReal(properties[j].Type);
                else SkipProperty(ref source, properties[j], file);
            }
            source.EndInstance();

            var position = new Vector3d(values[0], values[1], values[2]);
            if (!position.IsFinite) checks.BadPosition(i, position, source.Location);
            vertices[i] = position;
            if (normals != null)
            {
                var normal = new Vector3d(values[3], values[4], values[5]);
                if (!normal.IsFinite) checks.BadNormal(i, source.Location);
                normals[i] = normal;
            }
            if (colors != null)
                colors[i] = new VertexColor(VertexColor.Channel(values[6], unitColors), VertexColor.Channel(values[7], unitColors), VertexColor.Channel(values[8], unitColors));
        }
        return new Vertices(vertices, normals, colors);
    }

    static void ReadFaces<TSource>(ref TSource source, PlyElement element, int vertexCount, List<int> triangles, string file)
        where TSource : IPlyBodySource, allows ref struct
    {
        var indices = PlyHeader.FaceIndices(element)!;
        // A hint that assumes triangles; the list grows if the polygons are larger.
        triangles.Capacity = (int)Math.Min(3L * Math.Min(element.Count, source.MaxInstances(element, listItems: 3)), Array.MaxLength);
        for (int i = 0; i < element.Count; i++)
        {
            source.BeginInstance(element, i);
            foreach (var property in element.Properties)
            {
                if (property != indices)
                {
                    SkipProperty(ref source, property, file);
                    continue;
                }
                long corners = source.ReadInteger(property.CountType!.Value);
                if (corners < 3)
                    throw new GeometryFileException(file, source.Location, $"a face needs at least 3 vertices, this one lists {corners}");
                // Fan triangulation (v0, v[k-1], v[k]) keeps the polygon's winding for convex polygons.
                int first = VertexIndex(ref source, property.Type, vertexCount, file);
                int previous = VertexIndex(ref source, property.Type, vertexCount, file);
                for (long k = 2; k < corners; k++)
                {
                    int current = VertexIndex(ref source, property.Type, vertexCount, file);
                    triangles.Add(first);
                    triangles.Add(previous);
                    triangles.Add(current);
                    previous = current;
                }
            }
            source.EndInstance();
        }
    }

    static void ReadEdges<TSource>(ref TSource source, PlyElement element, int vertexCount, List<int[]> polylines, string file)
        where TSource : IPlyBodySource, allows ref struct
    {
        polylines.Capacity = Math.Min(element.Count, source.MaxInstances(element, listItems: 0));
        for (int i = 0; i < element.Count; i++)
        {
            source.BeginInstance(element, i);
            int start = 0, end = 0;
            foreach (var property in element.Properties)
            {
                if (property.Name == "vertex1") start = VertexIndex(ref source, property.Type, vertexCount, file);
                else if (property.Name == "vertex2") end = VertexIndex(ref source, property.Type, vertexCount, file);
                else SkipProperty(ref source, property, file);
            }
            source.EndInstance();
            polylines.Add([start, end]);
        }
    }

    static void SkipElement<TSource>(ref TSource source, PlyElement element, string file) where TSource : IPlyBodySource, allows ref struct
    {
        for (int i = 0; i < element.Count; i++)
        {
            source.BeginInstance(element, i);
            foreach (var property in element.Properties) SkipProperty(ref source, property, file);
            source.EndInstance();
        }
    }

    static void SkipProperty<TSource>(ref TSource source, PlyProperty property, string file) where TSource : IPlyBodySource, allows ref struct
    {
        long count = 1;
        if (property.IsList)
        {
            count = source.ReadInteger(property.CountType!.Value);
            if (count < 0) throw new GeometryFileException(file, source.Location, $"list {property.Name} has a negative length {count}");
        }
        source.Skip(property.Type, count);
    }

    static int VertexIndex<TSource>(ref TSource source, PlyScalarType type, int vertexCount, string file) where TSource : IPlyBodySource, allows ref struct
    {
        long index = source.ReadInteger(type);
        if (index < 0 || index >= vertexCount)
            throw new GeometryFileException(file, source.Location, $"vertex index {index} is out of range (the file has {vertexCount} vertices)");
        return (int)index;
    }
}
