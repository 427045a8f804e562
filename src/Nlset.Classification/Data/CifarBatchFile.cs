namespace Nlset.Classification.Data;

/// <summary>
/// Reads CIFAR-10 binary batches (data_batch_1.bin … test_batch.bin): records of 1 label byte (0–9) followed by
/// 3 × 32 × 32 pixel bytes, red plane then green then blue, each row-major — already the [C, H, W] layout.
/// A standard batch holds 10,000 records; any whole number of records is accepted (tests write tiny ones).
/// </summary>
public static class CifarBatchFile
{
    public const int Channels = 3, Side = 32;
    public const int PixelBytes = Channels * Side * Side;
    public const int RecordBytes = 1 + PixelBytes;

    /// <summary>The pixels [N × 3072] and labels [N] of one batch file.</summary>
    public static (byte[] Pixels, byte[] Labels) Read(string path)
    {
        if (!File.Exists(path)) throw new DatasetFileException(path, "file not found");
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0) throw new DatasetFileException(path, "empty file (a CIFAR-10 batch holds 3073-byte records)");
        if (bytes.Length % RecordBytes != 0)
            throw new DatasetFileException(path,
                $"truncated or not a CIFAR-10 batch: {bytes.Length} bytes is not a whole number of {RecordBytes}-byte records ({bytes.Length / RecordBytes} records and {bytes.Length % RecordBytes} bytes)");
        var n = bytes.Length / RecordBytes;
        var pixels = new byte[(long)n * PixelBytes];
        var labels = new byte[n];
        for (var i = 0; i < n; i++)
        {
            var record = bytes.AsSpan(i * RecordBytes, RecordBytes);
            if (record[0] > 9)
                throw new DatasetFileException(path, $"record {i} has label {record[0]}, CIFAR-10 labels are 0–9 (corrupt or not a CIFAR-10 batch)");
            labels[i] = record[0];
            record[1..].CopyTo(pixels.AsSpan(i * PixelBytes, PixelBytes));
        }
        return (pixels, labels);
    }
}
