using Nlset.Classification.Data;

namespace Nlset.Classification.Tests.Data;

public sealed class CifarBatchFileTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nlset-cifar-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void ReadsLabelsAndPlanarPixels()
    {
        var (pixels, labels) = CifarBatchFile.Read(Write("b.bin", TinyDatasetFiles.CifarBatch(3, labelOffset: 4)));
        Assert.Equal([4, 5, 6], labels);
        Assert.Equal(3 * 3072, pixels.Length);
        // Record 2, pixel p = (2 + p) mod 256: red plane first, then green (p = 1024…), then blue.
        Assert.Equal(2, pixels[2 * 3072]);
        Assert.Equal((2 + 1024) % 256, pixels[2 * 3072 + 1024]);
        Assert.Equal((2 + 3071) % 256, pixels[3 * 3072 - 1]);
    }

    [Fact]
    public void TruncatedBatchSaysHowManyRecordsAndBytes()
    {
        var bytes = TinyDatasetFiles.CifarBatch(2);
        var e = Assert.Throws<DatasetFileException>(() => CifarBatchFile.Read(Write("cut.bin", bytes[..^100])));
        Assert.Contains("cut.bin", e.Message);
        Assert.Contains("1 records and 2973 bytes", e.Message);
    }

    [Fact]
    public void LabelOutsideTenClassesIsCorrupt()
    {
        var bytes = TinyDatasetFiles.CifarBatch(2);
        bytes[3073] = 200;
        Assert.Contains("record 1 has label 200", Assert.Throws<DatasetFileException>(() => CifarBatchFile.Read(Write("x.bin", bytes))).Message);
    }

    [Fact]
    public void EmptyFileIsRefused() =>
        Assert.Contains("empty", Assert.Throws<DatasetFileException>(() => CifarBatchFile.Read(Write("e.bin", []))).Message);
}
