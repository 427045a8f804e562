using System.Buffers.Binary;
using System.Numerics;

namespace Nlset.Classification.Models.PyTorch;

/// <summary>
/// PyTorch's legacy serialization (torch.save before 1.6, or with <c>_use_new_zipfile_serialization=False</c>;
/// torch/serialization.py <c>_legacy_save</c>/<c>_legacy_load</c>): five things one after the other in one stream —
/// the pickled magic number 0x1950a86a20f9469cfc6c, the pickled protocol version 1001, a pickled dict of system
/// information (byte order, type sizes), the pickled object whose storages are persistent ids, the pickled list of
/// storage keys, then for each key in that order an int64 element count and the storage's raw bytes.
/// </summary>
public static class LegacyTorchFormat
{
    public static readonly BigInteger MagicNumber = BigInteger.Parse("1950a86a20f9469cfc6c", System.Globalization.NumberStyles.HexNumber);
    public const long ProtocolVersion = 1001;

    /// <summary>True if the stream starts with the pickled magic number (the stream is left where it was).</summary>
    public static bool Sniff(Stream stream)
    {
        var start = stream.Position;
        try { return new PickleReader(stream).Load() is BigInteger magic && magic == MagicNumber; }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException) { return false; }
        finally { stream.Position = start; }
    }

    /// <summary>The object torch.save wrote, its tensors as <see cref="StoredTensor"/>s with their bytes read.</summary>
    public static object? Read(Stream stream)
    {
        if (new PickleReader(stream).Load() is not BigInteger magic || magic != MagicNumber)
            throw new InvalidDataException("no PyTorch magic number at the start");
        if (new PickleReader(stream).Load() is not long protocol || protocol != ProtocolVersion)
            throw new InvalidDataException($"legacy protocol version is not {ProtocolVersion}");
        if (new PickleReader(stream).Load() is Dictionary<object, object?> systemInfo
            && systemInfo.TryGetValue("little_endian", out var little) && little is false)
            throw new InvalidDataException("written on a big-endian machine (this tool reads little-endian checkpoints)");
        var pickle = new TorchPickle(stream);
        var root = pickle.Load();
        if (new PickleReader(stream).Load() is not List<object?> keys)
            throw new InvalidDataException("no list of storage keys after the pickled object");
        var count = new byte[8];
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i]?.ToString() ?? "";
            if (!pickle.Storages.TryGetValue(key, out var storage))
                throw new InvalidDataException($"storage key '{key}' is not used by the pickled object");
            if (stream.Read(count) != count.Length) throw Truncated(i, keys.Count, storage, stream);
            var elements = BinaryPrimitives.ReadInt64LittleEndian(count);
            if (elements != storage.Elements)
                throw new InvalidDataException($"storage '{key}' holds {elements} elements, its tensors say {storage.Elements}");
            var bytes = new byte[storage.ByteCount];
            if (stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) != bytes.Length) throw Truncated(i, keys.Count, storage, stream);
            storage.Bytes = bytes;
        }
        return root;
    }

    static EndOfStreamException Truncated(int index, int count, TorchStorage storage, Stream stream) =>
        new($"the file ends inside storage {index + 1} of {count} ('{storage.Key}', {storage.ByteCount} bytes) at byte {stream.Length}");
}
