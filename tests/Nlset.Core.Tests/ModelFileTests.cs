using System.Text;

namespace Nlset.Core.Tests;

/// <summary>The container under every model file: its checks of magic, version and length, and its atomic write.</summary>
public sealed class ModelFileTests : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("nlset-model-file-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    string PathOf(string name) => Path.Combine(directory, name);

    static readonly ModelFileKind Kind = new("NLSETTST", "nlset test file", 1, 3);

    /// <summary>A header string, then a body of one int64 that must be the file's last 8 bytes.</summary>
    static (string Header, long Body) Read(string path)
    {
        using var file = ModelFile.Open(path, Kind);
        var header = file.Header(reader => reader.ReadString());
        long body = 0;
        using var model = new Witness();
        file.Body(model, "the test model", reader => body = reader.ReadInt64());
        return (header, body);
    }

    sealed class Witness : IDisposable
    {
        public bool Disposed { get; private set; }
        public void Dispose() => Disposed = true;
    }

    string Written(string name, int version = 2)
    {
        var path = PathOf(name);
        ModelFile.Write(path, Kind, version, writer =>
        {
            writer.Write("spec");
            writer.Write(42L);
        });
        return path;
    }

    [Fact]
    public void WritesMagicVersionThenTheKindsBytes()
    {
        var path = Written("whole.tst", version: 3);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("NLSETTST", Encoding.ASCII.GetString(bytes, 0, 8));
        Assert.Equal(3, BitConverter.ToInt32(bytes, 8));
        Assert.Equal(8 + 4 + 5 + 8, bytes.Length);
        Assert.Equal(("spec", 42L), Read(path));
        Assert.False(File.Exists(path + ModelFile.PartialSuffix));
    }

    [Fact]
    public void AWriteThatFailsLeavesNoFileBehind()
    {
        var path = PathOf("failed.tst");
        var error = Assert.Throws<IOException>(() => ModelFile.Write(path, Kind, 2, writer =>
        {
            writer.Write("spec");
            throw new IOException("disk full");
        }));
        Assert.Equal("disk full", error.Message);
        Assert.False(File.Exists(path));
        Assert.False(File.Exists(path + ModelFile.PartialSuffix));
    }

    [Fact]
    public void AWriteThatFailsLeavesTheOldFileWhole()
    {
        var path = Written("kept.tst");
        var before = File.ReadAllBytes(path);
        Assert.Throws<InvalidOperationException>(() => ModelFile.WriteAtomically(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new InvalidOperationException("the network could not be saved");
        }));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Empty(Directory.GetFiles(directory, "*" + ModelFile.PartialSuffix));
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var path = PathOf("absent.tst");
        var error = Assert.Throws<ModelFileException>(() => Read(path));
        Assert.Equal($"{path}: file not found", error.Message);
        Assert.Null(error.Location);
    }

    [Fact]
    public void AnotherKindOfFileIsRefusedByItsMagic()
    {
        var path = PathOf("cloud.tst");
        File.WriteAllText(path, "ply\nformat ascii 1.0\nend_header\n");
        var error = Assert.Throws<ModelFileException>(() => Read(path));
        Assert.Equal($"{path}: not an nlset test file (it does not start with \"NLSETTST\")", error.Message);
        File.WriteAllBytes(path, []);
        Assert.Contains("not an nlset test file", Assert.Throws<ModelFileException>(() => Read(path)).Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    public void AVersionOutsideTheKindsIsRefused(int version)
    {
        var path = Written("future.tst");
        var bytes = File.ReadAllBytes(path);
        BitConverter.GetBytes(version).CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<ModelFileException>(() => Read(path));
        Assert.Equal($"{path}: header: format version {version} is not supported (this build reads 1 to 3)", error.Message);
    }

    [Theory]
    [InlineData(1, 1, "1")]
    [InlineData(1, 2, "1 and 2")]
    [InlineData(1, 3, "1 to 3")]
    public void TheVersionsReadAreSaidAsTheFormatsAlwaysSaidThem(int oldest, int newest, string said) =>
        Assert.Equal(said, new ModelFileKind("NLSETTST", "x", oldest, newest).VersionsRead);

    [Fact]
    public void ACutInTheHeaderIsTruncatedOrCorrupt()
    {
        var bytes = File.ReadAllBytes(Written("whole.tst"));
        foreach (var length in new[] { 10, 14 })
        {
            var cut = PathOf($"cut{length}.tst");
            File.WriteAllBytes(cut, bytes[..length]);
            var error = Assert.Throws<ModelFileException>(() => Read(cut));
            Assert.StartsWith($"{cut}: header: truncated or corrupt (", error.Message);
        }
    }

    [Fact]
    public void ACutInTheBodyIsTruncatedAndTheModelIsDisposed()
    {
        var path = Written("whole.tst");
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^3]);
        using var file = ModelFile.Open(path, Kind);
        file.Header(reader => reader.ReadString());
        var model = new Witness();
        var error = Assert.Throws<ModelFileException>(() => file.Body(model, "the test model", reader => reader.ReadInt64()));
        Assert.Equal($"{path}: weights: truncated: the file ends inside the weights", error.Message);
        Assert.True(model.Disposed);
    }

    [Fact]
    public void BytesAfterTheBodyAreRefused()
    {
        var path = Written("long.tst");
        File.AppendAllText(path, "extra");
        var error = Assert.Throws<ModelFileException>(() => Read(path));
        Assert.Equal($"{path}: weights: do not match the test model: 5 bytes after the weights", error.Message);
    }

    [Fact]
    public void AFileTooShortForItsParametersIsRefusedBeforeAModelIsBuilt()
    {
        using var file = ModelFile.Open(Written("small.tst"), Kind);
        file.Header(reader => reader.ReadString());
        var error = Assert.Throws<ModelFileException>(() => file.RequireRoomFor(1_000_000_000, "8x512"));
        Assert.Equal("weights", error.Location);
        Assert.Equal("truncated: 8 bytes cannot hold the 1000000000 parameters of 8x512", error.Reason);
    }

    [Fact]
    public void AnInvalidHeaderGivesItsOwnMessage()
    {
        var path = Written("spec.tst");
        using var file = ModelFile.Open(path, Kind);
        var error = Assert.Throws<ModelFileException>(() => file.Header<int>(_ => throw new Nlset.Geometry.InvalidInputException("outputs must be 1 or 2")));
        Assert.Equal($"{path}: header: outputs must be 1 or 2", error.Message);
        Assert.IsAssignableFrom<Nlset.Geometry.InvalidInputException>(error);
    }
}
