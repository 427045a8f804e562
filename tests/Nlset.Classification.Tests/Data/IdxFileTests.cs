using Nlset.Classification.Data;

namespace Nlset.Classification.Tests.Data;

public sealed class IdxFileTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nlset-idx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsImagesRawAndGzipped(bool gzip)
    {
        var pixels = Enumerable.Range(0, 3 * 4 * 5).Select(i => (byte)(i * 3)).ToArray();
        var bytes = TinyDatasetFiles.Idx([3, 4, 5], pixels);
        var read = IdxFile.ReadImages(Write("images", gzip ? TinyDatasetFiles.Gzip(bytes) : bytes));
        Assert.Equal([3, 4, 5], read.Dimensions);
        Assert.Equal(pixels, read.Data);
    }

    [Fact]
    public void GzipIsRecognisedByContentNotName()
    {
        var bytes = TinyDatasetFiles.Idx([4], [9, 8, 7, 6]);
        Assert.Equal([9, 8, 7, 6], IdxFile.ReadLabels(Write("labels.gz", bytes)).Data);                      // raw, named .gz
        Assert.Equal([9, 8, 7, 6], IdxFile.ReadLabels(Write("labels", TinyDatasetFiles.Gzip(bytes))).Data);  // gzip, no .gz
    }

    [Fact]
    public void TruncatedDataNamesTheFileAndTheShortfall()
    {
        var bytes = TinyDatasetFiles.Idx([2, 3, 3]);
        var e = Assert.Throws<DatasetFileException>(() => IdxFile.ReadImages(Write("cut", bytes[..^1])));
        Assert.Contains("cut", e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("[2, 3, 3] = 18 bytes", e.Message);
    }

    [Fact]
    public void TruncatedGzipIsAClearError()
    {
        var gz = TinyDatasetFiles.Gzip(TinyDatasetFiles.Idx([50, 28, 28]));
        var e = Assert.Throws<DatasetFileException>(() => IdxFile.ReadImages(Write("cut.gz", gz[..(gz.Length / 2)])));
        Assert.Contains("cut.gz", e.Message);
    }

    [Fact]
    public void CorruptGzipIsAClearError()
    {
        var gz = TinyDatasetFiles.Gzip(TinyDatasetFiles.Idx([50, 28, 28]));
        for (var i = 10; i < gz.Length - 8; i += 7) gz[i] ^= 0x5a;
        var e = Assert.Throws<DatasetFileException>(() => IdxFile.ReadImages(Write("bad.gz", gz)));
        Assert.Contains("bad.gz", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { }, "too short")]
    [InlineData(new byte[] { 0, 0, 8 }, "too short")]
    [InlineData(new byte[] { 0x50, 0x4b, 3, 4, 0, 0 }, "not an IDX file")]
    [InlineData(new byte[] { 0, 0, 0x0d, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0 }, "element type 0x0d")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 1, 7 }, "1 dimension(s), expected 3")]
    [InlineData(new byte[] { 0, 0, 8, 3, 0, 0, 0, 1, 0, 0 }, "truncated in the IDX header")]
    [InlineData(new byte[] { 0, 0, 8, 3, 0x7f, 0xff, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 9 }, "too large")]
    [InlineData(new byte[] { 0, 0, 8, 3, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 1, 0, 0, 0, 1 }, "dimension 0 is -1")]
    public void BadHeadersAreClearErrors(byte[] bytes, string expected)
    {
        var e = Assert.Throws<DatasetFileException>(() => IdxFile.ReadImages(Write("bad", bytes)));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith(Path.Combine(_dir, "bad"), e.Message);
    }

    [Fact]
    public void ExtraBytesAreRefused()
    {
        var bytes = TinyDatasetFiles.Idx([3]).Append((byte)1).ToArray();
        Assert.Contains("extra bytes", Assert.Throws<DatasetFileException>(() => IdxFile.ReadLabels(Write("long", bytes))).Message);
    }

    [Fact]
    public void MissingFileIsADatasetFileError() =>
        Assert.Contains("file not found", Assert.Throws<DatasetFileException>(() => IdxFile.ReadLabels(Path.Combine(_dir, "none"))).Message);
}
