using System.Buffers.Binary;

namespace Nlset.Geometry.IO;

/// <summary>The eight scalar types of PLY; each has an old name (char, uchar, ...) and a sized alias (int8, uint8, ...).</summary>
internal enum PlyScalarType : byte
{
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Float32,
    Float64,
}

internal static class PlyScalarTypes
{
    public static bool TryParse(ReadOnlySpan<byte> name, out PlyScalarType type)
    {
        PlyScalarType? found = name switch
        {
            _ when name.SequenceEqual("char"u8) || name.SequenceEqual("int8"u8) => PlyScalarType.Int8,
            _ when name.SequenceEqual("uchar"u8) || name.SequenceEqual("uint8"u8) => PlyScalarType.UInt8,
            _ when name.SequenceEqual("short"u8) || name.SequenceEqual("int16"u8) => PlyScalarType.Int16,
            _ when name.SequenceEqual("ushort"u8) || name.SequenceEqual("uint16"u8) => PlyScalarType.UInt16,
            _ when name.SequenceEqual("int"u8) || name.SequenceEqual("int32"u8) => PlyScalarType.Int32,
            _ when name.SequenceEqual("uint"u8) || name.SequenceEqual("uint32"u8) => PlyScalarType.UInt32,
            _ when name.SequenceEqual("float"u8) || name.SequenceEqual("float32"u8) => PlyScalarType.Float32,
            _ when name.SequenceEqual("double"u8) || name.SequenceEqual("float64"u8) => PlyScalarType.Float64,
            _ => null,
        };
        type = found ?? default;
        return found.HasValue;
    }

    /// <summary>The name our writer uses: the original PLY names, which every reader knows.</summary>
    public static string Name(this PlyScalarType type) => type switch
    {
        PlyScalarType.Int8 => "char",
        PlyScalarType.UInt8 => "uchar",
        PlyScalarType.Int16 => "short",
        PlyScalarType.UInt16 => "ushort",
        PlyScalarType.Int32 => "int",
        PlyScalarType.UInt32 => "uint",
        PlyScalarType.Float32 => "float",
        _ => "double",
    };

    public static int Size(this PlyScalarType type) => type switch
    {
        PlyScalarType.Int8 or PlyScalarType.UInt8 => 1,
        PlyScalarType.Int16 or PlyScalarType.UInt16 => 2,
        PlyScalarType.Int32 or PlyScalarType.UInt32 or PlyScalarType.Float32 => 4,
        _ => 8,
    };

    public static bool IsInteger(this PlyScalarType type) => type is not (PlyScalarType.Float32 or PlyScalarType.Float64);

    public static long MinValue(this PlyScalarType type) => type switch
    {
        PlyScalarType.Int8 => sbyte.MinValue,
        PlyScalarType.Int16 => short.MinValue,
        PlyScalarType.Int32 => int.MinValue,
        _ => 0,
    };

    public static long MaxValue(this PlyScalarType type) => type switch
    {
        PlyScalarType.Int8 => sbyte.MaxValue,
        PlyScalarType.UInt8 => byte.MaxValue,
        PlyScalarType.Int16 => short.MaxValue,
        PlyScalarType.UInt16 => ushort.MaxValue,
        PlyScalarType.Int32 => int.MaxValue,
        _ => uint.MaxValue,
    };

    /// <summary>A binary value widened to double (exact for every PLY type).</summary>
    public static double ReadReal(this PlyScalarType type, ReadOnlySpan<byte> at, bool bigEndian) => type switch
    {
        PlyScalarType.Float32 => bigEndian ? BinaryPrimitives.ReadSingleBigEndian(at) : BinaryPrimitives.ReadSingleLittleEndian(at),
        PlyScalarType.Float64 => bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(at) : BinaryPrimitives.ReadDoubleLittleEndian(at),
        _ => type.ReadInteger(at, bigEndian),
    };

    /// <summary>A binary integer value; only called for integer types (the header is checked first).</summary>
    public static long ReadInteger(this PlyScalarType type, ReadOnlySpan<byte> at, bool bigEndian) => type switch
    {
        PlyScalarType.Int8 => (sbyte)at[0],
        PlyScalarType.UInt8 => at[0],
        PlyScalarType.Int16 => bigEndian ? BinaryPrimitives.ReadInt16BigEndian(at) : BinaryPrimitives.ReadInt16LittleEndian(at),
        PlyScalarType.UInt16 => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(at) : BinaryPrimitives.ReadUInt16LittleEndian(at),
        PlyScalarType.Int32 => bigEndian ? BinaryPrimitives.ReadInt32BigEndian(at) : BinaryPrimitives.ReadInt32LittleEndian(at),
        PlyScalarType.UInt32 => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(at) : BinaryPrimitives.ReadUInt32LittleEndian(at),
        _ => throw new InvalidOperationException($"{type} is not an integer type"),
    };
}
