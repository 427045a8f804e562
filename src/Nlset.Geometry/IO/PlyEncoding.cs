namespace Nlset.Geometry.IO;

/// <summary>How a PLY file's body is stored.</summary>
public enum PlyEncoding
{
    Ascii,
    BinaryLittleEndian,
    BinaryBigEndian,
}
