using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;

namespace Nlset.Classification.Tests;

/// <summary>Writes tiny files in the datasets' real formats (IDX, CIFAR-10 binary batches, the CIFAR tar.gz).</summary>
public static class TinyDatasetFiles
{
    /// <summary>An IDX file of unsigned bytes with the given dimensions (data = index mod 251 unless given).</summary>
    public static byte[] Idx(int[] dimensions, byte[]? data = null)
    {
        var count = dimensions.Aggregate(1, (a, b) => a * b);
        data ??= Enumerable.Range(0, count).Select(i => (byte)(i % 251)).ToArray();
        var bytes = new byte[4 + 4 * dimensions.Length + data.Length];
        bytes[2] = 0x08;
        bytes[3] = (byte)dimensions.Length;
        for (var i = 0; i < dimensions.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dimensions[i]);
        data.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest)) gzip.Write(bytes);
        return memory.ToArray();
    }

    /// <summary>Images [n, h, w] whose pixels encode (image, position) and labels i mod 10.</summary>
    public static (byte[] Images, byte[] Labels) MnistLike(int n, int side = 28, int labelOffset = 0)
    {
        var pixels = new byte[n * side * side];
        for (var i = 0; i < n; i++)
            for (var p = 0; p < side * side; p++) pixels[i * side * side + p] = (byte)((i * 7 + p) % 256);
        var labels = Enumerable.Range(0, n).Select(i => (byte)((i + labelOffset) % 10)).ToArray();
        return (Idx([n, side, side], pixels), Idx([n], labels));
    }

    /// <summary>Writes an MNIST-style images/labels pair under the given base names, gzipped or not.</summary>
    public static void WriteIdxPair(string folder, string imagesName, string labelsName, int n, bool gzip, int side = 28, int labelOffset = 0)
    {
        Directory.CreateDirectory(folder);
        var (images, labels) = MnistLike(n, side, labelOffset);
        File.WriteAllBytes(Path.Combine(folder, imagesName + (gzip ? ".gz" : "")), gzip ? Gzip(images) : images);
        File.WriteAllBytes(Path.Combine(folder, labelsName + (gzip ? ".gz" : "")), gzip ? Gzip(labels) : labels);
    }

    /// <summary>A CIFAR-10 batch of n records: label (i + offset) mod 10, pixel p of record i = (i + p) mod 256.</summary>
    public static byte[] CifarBatch(int n, int labelOffset = 0)
    {
        var bytes = new byte[n * 3073];
        for (var i = 0; i < n; i++)
        {
            bytes[i * 3073] = (byte)((i + labelOffset) % 10);
            for (var p = 0; p < 3072; p++) bytes[i * 3073 + 1 + p] = (byte)((i + p) % 256);
        }
        return bytes;
    }

    /// <summary>cifar-10-binary.tar.gz as published: cifar-10-batches-bin/data_batch_1..5.bin, test_batch.bin, plus a text file.</summary>
    public static byte[] CifarArchive(int perBatch)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            void Add(string name, byte[] data)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, "cifar-10-batches-bin/" + name) { DataStream = new MemoryStream(data) };
                tar.WriteEntry(entry);
            }
            for (var b = 1; b <= 5; b++) Add($"data_batch_{b}.bin", CifarBatch(perBatch, b));
            Add("test_batch.bin", CifarBatch(perBatch, 7));
            Add("batches.meta.txt", "airplane\nautomobile\n"u8.ToArray());
        }
        return memory.ToArray();
    }
}
