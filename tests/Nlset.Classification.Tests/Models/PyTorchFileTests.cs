using System.Numerics;
using Nlset.Classification.Models;
using Nlset.Classification.Models.PyTorch;
using Nlset.Core;
using TorchSharp;
using static TorchSharp.torch;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace Nlset.Classification.Tests.Models;

/// <summary>
/// Files written by real PyTorch (Fixtures/PyTorch, make_checkpoints.py) in both torch.save formats: every tensor comes
/// back with PyTorch's dtype, shape and values, a network loaded from them computes PyTorch's logits, and truncated or
/// foreign files are one-line errors naming the file.
/// </summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class PyTorchFileTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nlset-torchfile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static readonly Dictionary<string, ScalarType> DTypes = new()
    {
        ["float32"] = ScalarType.Float32, ["float64"] = ScalarType.Float64, ["float16"] = ScalarType.Float16,
        ["bfloat16"] = ScalarType.BFloat16, ["int64"] = ScalarType.Int64, ["int32"] = ScalarType.Int32,
        ["int16"] = ScalarType.Int16, ["int8"] = ScalarType.Int8, ["uint8"] = ScalarType.Byte, ["bool"] = ScalarType.Bool,
    };

    [Theory]
    [InlineData("zoo-zip.pth", PyTorchFileFormat.Zip)]
    [InlineData("zoo-legacy.pth", PyTorchFileFormat.Legacy)]
    public void EveryStorageTypeAndViewReadsAsPyTorchWroteIt(string file, PyTorchFileFormat format)
    {
        var (root, read) = PyTorchFile.Read(PyTorchFixtures.Path(file));
        Assert.Equal(format, read);
        var dict = Assert.IsType<Dictionary<object, object?>>(root);
        var expected = PyTorchFixtures.Json("zoo.json");
        Assert.Equal(15, expected.EnumerateObject().Count());
        foreach (var property in expected.EnumerateObject())
        {
            var (dtype, shape, values) = PyTorchFixtures.Values(property.Value);
            var stored = Assert.IsType<StoredTensor>(dict[property.Name]);
            using var tensor = stored.ToTensor();
            Assert.True(DTypes[dtype] == tensor.dtype, $"{property.Name}: {tensor.dtype}, PyTorch {dtype}");
            Assert.Equal(shape, tensor.shape);
            using var asDouble = tensor.to(ScalarType.Float64).flatten();
            Assert.Equal(values, asDouble.data<double>().ToArray());
        }
        // One storage under the tensor and its transposed and sliced views, as in PyTorch.
        var storage = ((StoredTensor)dict["float32"]!).Storage;
        Assert.Same(storage, ((StoredTensor)dict["transposed"]!).Storage);
        Assert.Same(storage, ((StoredTensor)dict["slice"]!).Storage);
        Assert.Equal(8, ((StoredTensor)dict["slice"]!).Offset);
        // The plain Python extras beside the tensors.
        Assert.Equal(7L, dict["epoch"]);
        Assert.Equal("zoo", dict["name"]);
        Assert.Equal(1e-3, dict["lr"]);
        Assert.Equal(new object?[] { 0.9, 0.999 }, Assert.IsType<object?[]>(dict["betas"]));
        Assert.Equal(new List<object?> { true, null }, dict["flags"]);
        Assert.Equal(BigInteger.Pow(2, 70), dict["big"]);
    }

    /// <summary>The tiny conv net of the fixtures, named as the authors' network (the file adds "model.model.").</summary>
    static Sequential TinyNet() => Sequential(
        ("conv1", Conv2d(1, 2, 5, stride: 3)), ("relu1", ReLU()), ("flatten", Flatten()), ("fc1", Linear(2 * 8 * 8, 10)));

    [Theory]
    [InlineData("tiny-zip.pth")]
    [InlineData("tiny-legacy.pth")]
    [InlineData("tiny-bare-legacy.pth")]
    public void AuthorsShapedCheckpointsLoadAndGivePyTorchsLogits(string file)
    {
        // tiny-{zip,legacy}: {epoch, model_state_dict ('model.model.' keys), optimizer_state_dict};
        // tiny-bare-legacy: the bare state dict with 'module.' keys.
        torch.manual_seed(3);
        using var net = TinyNet();
        CheckpointImport.Load(net, PyTorchFixtures.Path(file), "tiny");
        net.eval();
        var (_, shape, expected) = PyTorchFixtures.Values(PyTorchFixtures.Json("tiny.json").GetProperty("logits"));
        using var noGrad = torch.no_grad();
        using var input = PyTorchFixtures.PatternInputs(3, 1, 28, 28);
        using var logits = net.call(input);
        Assert.Equal(shape, logits.shape);
        var actual = logits.flatten().data<float>().ToArray();
        for (var i = 0; i < expected.Length; i++) Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-6, $"logit {i}: {actual[i]} vs PyTorch {expected[i]}");
    }

    [Fact]
    public void OptimizerStateAndEpochAreReadBesideTheWeights()
    {
        var (zipRoot, _) = PyTorchFile.Read(PyTorchFixtures.Path("tiny-zip.pth"));
        var (legacyRoot, _) = PyTorchFile.Read(PyTorchFixtures.Path("tiny-legacy.pth"));
        foreach (var root in new[] { zipRoot, legacyRoot })
        {
            var dict = Assert.IsType<Dictionary<object, object?>>(root);
            Assert.Equal(200L, dict["epoch"]);
            var optimizer = Assert.IsType<Dictionary<object, object?>>(dict["optimizer_state_dict"]);
            var state = Assert.IsType<Dictionary<object, object?>>(optimizer["state"]);
            Assert.Equal(4, state.Count);                            // conv1/fc1 weight and bias
            var first = Assert.IsType<Dictionary<object, object?>>(state[0L]);
            using var step = Assert.IsType<StoredTensor>(first["step"]).ToTensor();
            Assert.Equal(1.0, step.item<float>());
            var groups = Assert.IsType<List<object?>>(optimizer["param_groups"]);
            Assert.Equal(1e-3, Assert.IsType<Dictionary<object, object?>>(groups[0])["lr"]);
        }
    }

    [Fact]
    public void TruncatedLegacyFilesAreOneLineErrorsNamingTheFile()
    {
        var bytes = File.ReadAllBytes(PyTorchFixtures.Path("tiny-legacy.pth"));
        // Inside the pickled object, inside the storage keys' list region, inside the last storage.
        foreach (var length in new[] { 400, bytes.Length - 5_000, bytes.Length - 7 })
        {
            var path = Path.Combine(_dir, $"cut-{length}.pth");
            File.WriteAllBytes(path, bytes[..length]);
            using var net = TinyNet();
            var e = Assert.Throws<ModelFileException>(() => CheckpointImport.Load(net, path, "tiny"));
            Assert.StartsWith(path + ": truncated legacy-format PyTorch checkpoint", e.Message);
            Assert.DoesNotContain("\n", e.Message);
        }
        var zip = File.ReadAllBytes(PyTorchFixtures.Path("tiny-zip.pth"));
        var cutZip = Path.Combine(_dir, "cut.pth");
        File.WriteAllBytes(cutZip, zip[..(zip.Length / 2)]);
        using var model = TinyNet();
        var z = Assert.Throws<ModelFileException>(() => CheckpointImport.Load(model, cutZip, "tiny"));
        Assert.StartsWith(cutZip + ": unreadable zip-format PyTorch checkpoint", z.Message);
    }

    [Fact]
    public void ForeignFilesAreOneLineErrorsNamingTheFile()
    {
        using var net = TinyNet();
        var pickle = PyTorchFixtures.Path("not-torch.pth");           // a Python pickle, not written by torch.save
        var e = Assert.Throws<ModelFileException>(() => CheckpointImport.Load(net, pickle, "tiny"));
        Assert.StartsWith(pickle + ": not a PyTorch checkpoint: neither torch.save's zip format nor its legacy format", e.Message);
        var empty = Path.Combine(_dir, "empty.pth");
        File.WriteAllBytes(empty, []);
        Assert.Contains("the file is empty", Assert.Throws<ModelFileException>(() => CheckpointImport.Load(net, empty, "tiny")).Message);
        // torch.save(model): a pickled nn.Module (its class named, nothing executed), not a state dict.
        var whole = PyTorchFixtures.Path("whole-model-legacy.pth");
        var m = Assert.Throws<ModelFileException>(() => CheckpointImport.Load(net, whole, "tiny"));
        Assert.Equal(whole + ": holds a pickled __main__.Wrap object (a whole model saved with torch.save(model)?), not a state dict; save it with torch.save(model.state_dict(), path)", m.Message);
        // The legacy header followed by something else: the magic number is right, the rest is not.
        var legacy = File.ReadAllBytes(PyTorchFixtures.Path("tiny-legacy.pth"));
        var forged = Path.Combine(_dir, "forged.pth");
        File.WriteAllBytes(forged, [.. legacy[..15], .. File.ReadAllBytes(pickle)]);
        var f = Assert.Throws<ModelFileException>(() => CheckpointImport.Load(net, forged, "tiny"));
        Assert.StartsWith(forged + ": unreadable legacy-format PyTorch checkpoint: legacy protocol version is not 1001", f.Message);
    }
}
