using System.IO.Compression;

namespace Nlset.Classification.Models.PyTorch;

/// <summary>
/// PyTorch's zip serialization (torch.save since 1.6; torch/serialization.py <c>_save</c>/<c>_load</c>): an
/// uncompressed zip with one top folder holding <c>data.pkl</c> (the pickled object, storages as persistent ids),
/// <c>data/KEY</c> (each storage's raw bytes), <c>byteorder</c> and <c>version</c>.
/// </summary>
public static class ZipTorchFormat
{
    /// <summary>True if the stream starts like a zip file (the stream is left where it was).</summary>
    public static bool Sniff(Stream stream)
    {
        var start = stream.Position;
        Span<byte> head = stackalloc byte[4];
        var read = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        stream.Position = start;
        return read == 4 && head.SequenceEqual("PK\x03\x04"u8);
    }

    /// <summary>The object torch.save wrote, its tensors as <see cref="StoredTensor"/>s with their bytes read.</summary>
    public static object? Read(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var pickleEntry = zip.Entries.Where(e => e.FullName.EndsWith("data.pkl", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 1)
            .FirstOrDefault() ?? throw new InvalidDataException("a zip file without a top-level */data.pkl (not written by torch.save)");
        var folder = pickleEntry.FullName[..^"data.pkl".Length];
        if (zip.GetEntry(folder + "code/") is not null || zip.Entries.Any(e => e.FullName.StartsWith(folder + "code/", StringComparison.Ordinal)))
            throw new InvalidDataException("a TorchScript archive (torch.jit.save), not a torch.save checkpoint");
        if (zip.GetEntry(folder + "byteorder") is { } order)
        {
            using var reader = new StreamReader(order.Open());
            if (reader.ReadToEnd().Trim() is not "little") throw new InvalidDataException("written on a big-endian machine (this tool reads little-endian checkpoints)");
        }
        TorchPickle pickle;
        object? root;
        using (var pickleStream = new MemoryStream())
        {
            using (var entry = pickleEntry.Open()) entry.CopyTo(pickleStream);
            pickleStream.Position = 0;
            pickle = new TorchPickle(pickleStream);
            root = pickle.Load();
        }
        foreach (var storage in pickle.Storages.Values)
        {
            var entry = zip.GetEntry($"{folder}data/{storage.Key}") ?? throw new InvalidDataException($"no data/{storage.Key} entry for storage '{storage.Key}'");
            if (entry.Length < storage.ByteCount)
                throw new InvalidDataException($"data/{storage.Key} holds {entry.Length} bytes, its tensors need {storage.ByteCount}");
            var bytes = new byte[storage.ByteCount];
            using var data = entry.Open();
            data.ReadExactly(bytes);
            storage.Bytes = bytes;
        }
        return root;
    }
}
