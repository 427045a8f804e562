using System.Globalization;
using System.Text;

namespace Nlset.Geometry.IO;

/// <summary>
/// Collects a file's bytes in a 64 KiB block and hands full blocks to the stream, so writers can emit
/// one number at a time without per-value stream calls or string allocations. Text numbers use the
/// shortest representation that parses back to the same bits ("R"), in the invariant culture.
/// </summary>
internal sealed class OutputBuffer
{
    const int BlockSize = 1 << 16;
    readonly Stream _stream;
    readonly byte[] _block = new byte[BlockSize];
    int _used;

    public OutputBuffer(Stream stream) => _stream = stream;

    /// <summary>Room for <paramref name="size"/> bytes (at most the block size); follow with <see cref="Advance"/>.</summary>
    public Span<byte> Reserve(int size)
    {
        if (_used + size > BlockSize) Flush();
        return _block.AsSpan(_used, size);
    }

    public void Advance(int written) => _used += written;

    public void Byte(byte value)
    {
        if (_used == BlockSize) Flush();
        _block[_used++] = value;
    }

    public void NewLine() => Byte((byte)'\n');

    public void Space() => Byte((byte)' ');

    public void Text(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length > BlockSize)
        {
            Flush();
            _stream.Write(bytes);
            return;
        }
        bytes.CopyTo(Reserve(bytes.Length));
        Advance(bytes.Length);
    }

    public void Text(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(Reserve(utf8.Length));
        Advance(utf8.Length);
    }

    // 32 bytes hold any "R" double ("-1.2345678901234567E-308" is 24) or long (20).
    public void Number(double value)
    {
        if (!value.TryFormat(Reserve(32), out int written, "R", CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"cannot format {value}");
        Advance(written);
    }

    public void Number(float value)
    {
        if (!value.TryFormat(Reserve(32), out int written, "R", CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"cannot format {value}");
        Advance(written);
    }

    public void Number(long value)
    {
        if (!value.TryFormat(Reserve(32), out int written, default, CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"cannot format {value}");
        Advance(written);
    }

    public void Flush()
    {
        _stream.Write(_block, 0, _used);
        _used = 0;
    }
}
