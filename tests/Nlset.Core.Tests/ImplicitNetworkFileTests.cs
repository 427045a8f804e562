using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Core.Tests;

public sealed class ImplicitNetworkFileTests : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("nlset-core-tests-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    string PathOf(string name) => Path.Combine(directory, name);

    [Theory]
    [InlineData("4x32")]
    [InlineData("3x24,softplus,out=2,r=0.5")]
    [InlineData("2x16,in=2,noskip")]
    [InlineData("3x32,r=0.4,fourier=6")]
    public void SaveThenLoadGivesIdenticalOutputs(string text)
    {
        using var scope = NewDisposeScope();
        var spec = NetworkSpec.Parse(text);
        using var original = new ImplicitNetwork(spec, new Generator(71, CPU));
        var path = PathOf("net" + ImplicitNetworkFile.Extension);
        ImplicitNetworkFile.Save(original, path);
        Assert.False(File.Exists(path + ".partial"));

        using var loaded = ImplicitNetworkFile.Load(path);
        Assert.Equal(spec, loaded.Spec);
        using var noGrad = no_grad();
        var x = randn(100, spec.InputDim, generator: new Generator(72, CPU));
        Assert.True(TensorAssert.Identical(original.call(x), loaded.call(x)));
        var loadedParameters = loaded.state_dict();
        foreach (var (name, tensor) in original.state_dict())
            Assert.True(TensorAssert.Identical(tensor, loadedParameters[name]), name);
    }

    [Fact]
    public void FileStartsWithTheDocumentedHeader()
    {
        using var network = new ImplicitNetwork(NetworkSpec.Parse("2x16"), new Generator(73, CPU));
        var path = PathOf("header.nlnet");
        ImplicitNetworkFile.Save(network, path, "meta");
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        Assert.Equal("NLSETNET", Encoding.ASCII.GetString(reader.ReadBytes(8)));
        Assert.Equal(2, reader.ReadInt32());
        Assert.Equal("2x16,relu,in=3,out=1,r=1", reader.ReadString());
        Assert.Equal("meta", reader.ReadString());
    }

    [Fact]
    public void MissingFileIsAnInputError()
    {
        var error = Assert.Throws<ModelFileException>(() => ImplicitNetworkFile.Load(PathOf("absent.nlnet")));
        Assert.Contains("file not found", error.Message);
    }

    [Fact]
    public void OtherFilesAreRecognisedAsNotNetworks()
    {
        var path = PathOf("cloud.ply");
        File.WriteAllText(path, "ply\nformat ascii 1.0\nend_header\n");
        var error = Assert.Throws<ModelFileException>(() => ImplicitNetworkFile.Load(path));
        Assert.Contains("not an nlset network file", error.Message);
        Assert.StartsWith(path, error.Message);

        File.WriteAllBytes(path, Array.Empty<byte>());
        Assert.Contains("not an nlset network file", Assert.Throws<ModelFileException>(() => ImplicitNetworkFile.Load(path)).Message);
    }

    [Fact]
    public void EveryTruncationIsDetected()
    {
        using var network = new ImplicitNetwork(NetworkSpec.Parse("2x16"), new Generator(74, CPU));
        var path = PathOf("whole.nlnet");
        ImplicitNetworkFile.Save(network, path);
        var bytes = File.ReadAllBytes(path);
        var cut = PathOf("cut.nlnet");
        // Cut inside the magic, the version, the spec, the entry count, a name, a tensor header and the last weight.
        foreach (var length in new[] { 3, 10, 20, 40, 60, 100, bytes.Length / 2, bytes.Length - 1 })
        {
            File.WriteAllBytes(cut, bytes[..length]);
            var error = Assert.Throws<ModelFileException>(() => ImplicitNetworkFile.Load(cut));
            Assert.StartsWith(cut, error.Message);
        }
    }

    [Fact]
    public void TrailingBytesAreDetected()
    {
        using var network = new ImplicitNetwork(NetworkSpec.Parse("2x16"), new Generator(75, CPU));
        var path = PathOf("long.nlnet");
        ImplicitNetworkFile.Save(network, path);
        File.AppendAllText(path, "extra");
        var error = Assert.Throws<ModelFileException>(() => ImplicitNetworkFile.Load(path));
        Assert.Contains("bytes after the weights", error.Message);
    }

    [Fact]
    public void WeightsThatDoNotFitTheHeaderSpecAreDetected()
    {
        // Header says 2×16 with the skip (layers.0 is 16×3 → 13 outputs before the skip); weights come from the noskip net.
        using var noSkip = new ImplicitNetwork(NetworkSpec.Parse("2x16,noskip"), new Generator(76, CPU));
        var path = PathOf("mismatch.nlnet");
        ImplicitNetworkFile.Save(noSkip, path);
        var bytes = File.ReadAllBytes(path);
        var original = Encoding.UTF8.GetBytes("2x16,relu,in=3,out=1,r=1,noskip");
        var forged = Encoding.UTF8.GetBytes("2x16,relu,in=3,out=1,r=1,skip   ").AsSpan(0, original.Length).ToArray();
        var at = bytes.AsSpan().IndexOf(original);
        Assert.True(at > 0);
        forged.CopyTo(bytes, at);
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<ModelFileException>(() => ImplicitNetworkFile.Load(path));
        Assert.Contains("do not match the network", error.Message);

        // A header whose spec does not even parse.
        var garbled = File.ReadAllBytes(path);
        Encoding.UTF8.GetBytes("2x16,relu,in=3,out=9,r=1,skip   ").AsSpan(0, original.Length).CopyTo(garbled.AsSpan(at));
        File.WriteAllBytes(path, garbled);
        Assert.Contains("outputs must be 1", Assert.Throws<ModelFileException>(() => ImplicitNetworkFile.Load(path)).Message);
    }

    [Fact]
    public void UnknownFormatVersionIsRejected()
    {
        using var network = new ImplicitNetwork(NetworkSpec.Parse("2x16"), new Generator(77, CPU));
        var path = PathOf("future.nlnet");
        ImplicitNetworkFile.Save(network, path);
        var bytes = File.ReadAllBytes(path);
        BitConverter.GetBytes(4).CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
        Assert.Contains("format version 4", Assert.Throws<ModelFileException>(() => ImplicitNetworkFile.Load(path)).Message);
    }

    /// <summary>Issue 13: a checkpoint (version 3) carries a training state after the weights; a finished model stays version 2, byte for byte.</summary>
    [Fact]
    public void ATrainingStateRidesAfterTheWeightsAndAModelStaysVersion2()
    {
        using var network = new ImplicitNetwork(NetworkSpec.Parse("2x16"), new Generator(79, CPU));
        var model = PathOf("model.nlnet");
        var checkpoint = PathOf("checkpoint.nlnet");
        ImplicitNetworkFile.Save(network, model, "m");
        ImplicitNetworkFile.Save(network, checkpoint, "m", [1, 2, 3, 250]);
        Assert.Equal(2, BitConverter.ToInt32(File.ReadAllBytes(model), 8));
        Assert.Equal(3, BitConverter.ToInt32(File.ReadAllBytes(checkpoint), 8));
        using (var plain = ImplicitNetworkFile.Load(model, out var metadata, out var none)) Assert.Null(none);
        using (var loaded = ImplicitNetworkFile.Load(checkpoint, out var metadata, out var state))
        {
            Assert.Equal(new byte[] { 1, 2, 3, 250 }, state);
            Assert.Equal("m", metadata);
            foreach (var (a, b) in network.parameters().Zip(loaded.parameters())) Assert.True(a.eq(b).all().item<bool>());
        }
        // A state cut short is refused naming the file.
        File.WriteAllBytes(checkpoint, File.ReadAllBytes(checkpoint)[..^2]);
        Assert.Contains(checkpoint, Assert.Throws<ModelFileException>(() => ImplicitNetworkFile.Load(checkpoint)).Message);
    }

    [Fact]
    public void MetadataRoundTrips()
    {
        using var network = new ImplicitNetwork(NetworkSpec.Parse("2x16"), new Generator(78, CPU));
        var path = PathOf("meta.nlnet");
        const string metadata = "{\"normalization\":{\"scale\":0.25}}";
        ImplicitNetworkFile.Save(network, path, metadata);
        using var loaded = ImplicitNetworkFile.Load(path, out var read);
        Assert.Equal(metadata, read);
    }

    [Fact]
    public void VersionOneFilesWithoutMetadataStillLoad()
    {
        using var network = new ImplicitNetwork(NetworkSpec.Parse("2x16"), new Generator(79, CPU));
        var path = PathOf("v1.nlnet");
        ImplicitNetworkFile.Save(network, path);          // version 2 with empty metadata: one 0x00 length byte
        var bytes = File.ReadAllBytes(path).ToList();
        int specLength = bytes[12];
        bytes.RemoveAt(13 + specLength);                  // drop the empty metadata string
        var v1 = bytes.ToArray();
        BitConverter.GetBytes(1).CopyTo(v1, 8);
        File.WriteAllBytes(path, v1);
        using var loaded = ImplicitNetworkFile.Load(path, out var read);
        Assert.Equal("", read);
        using var noGrad = no_grad();
        var x = randn(10, 3, generator: new Generator(80, CPU));
        Assert.True(TensorAssert.Identical(network.call(x), loaded.call(x)));
    }
}
