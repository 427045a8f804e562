namespace Nlset.Geometry.IO;

/// <summary>Choices a writer cannot infer from the file name. Binary little endian is the default PLY
/// encoding because it is the most compact, the fastest to read, and what most tools write; binary STL likewise.</summary>
public sealed record GeometryWriteOptions(PlyEncoding PlyEncoding = PlyEncoding.BinaryLittleEndian, StlEncoding StlEncoding = StlEncoding.Binary);

/// <summary>The two STL encodings.</summary>
public enum StlEncoding
{
    Binary,
    Ascii,
}
