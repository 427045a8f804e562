using System.Buffers.Binary;

namespace Nlset.Geometry.Tests.IO;

/// <summary>Builds a binary PLY body value by value in either byte order, for hand-made test files.</summary>
public sealed class BinaryBody(bool bigEndian)
{
    readonly List<byte> _bytes = [];

    public byte[] ToArray() => [.. _bytes];

    public BinaryBody I8(sbyte v) { _bytes.Add((byte)v); return this; }
    public BinaryBody U8(byte v) { _bytes.Add(v); return this; }
    public BinaryBody I16(short v) => Put(2, s => { if (bigEndian) BinaryPrimitives.WriteInt16BigEndian(s, v); else BinaryPrimitives.WriteInt16LittleEndian(s, v); });
    public BinaryBody U16(ushort v) => Put(2, s => { if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(s, v); else BinaryPrimitives.WriteUInt16LittleEndian(s, v); });
    public BinaryBody I32(int v) => Put(4, s => { if (bigEndian) BinaryPrimitives.WriteInt32BigEndian(s, v); else BinaryPrimitives.WriteInt32LittleEndian(s, v); });
    public BinaryBody U32(uint v) => Put(4, s => { if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(s, v); else BinaryPrimitives.WriteUInt32LittleEndian(s, v); });
    public BinaryBody F32(float v) => Put(4, s => { if (bigEndian) BinaryPrimitives.WriteSingleBigEndian(s, v); else BinaryPrimitives.WriteSingleLittleEndian(s, v); });
    public BinaryBody F64(double v) => Put(8, s => { if (bigEndian) BinaryPrimitives.WriteDoubleBigEndian(s, v); else BinaryPrimitives.WriteDoubleLittleEndian(s, v); });

    public BinaryBody F32s(params float[] values) { foreach (var v in values) F32(v); return this; }
    public BinaryBody I32s(params int[] values) { foreach (var v in values) I32(v); return this; }

    delegate void SpanWrite(Span<byte> span);

    BinaryBody Put(int size, SpanWrite write)
    {
        Span<byte> buffer = stackalloc byte[8];
        write(buffer[..size]);
        foreach (var b in buffer[..size]) _bytes.Add(b);
        return this;
    }
}
