using System.Collections;
using System.Reflection;
using Nlset.Classification.Models;
using Nlset.Core;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Nlset.Classification.Tests.Models;

/// <summary>
/// PyTorch checkpoints written in the test in PyTorch's zip/pickle format with TorchSharp.PyBridge, in the shapes real
/// checkpoints come in, loaded into a fresh ConvNet-4a: the outputs must be identical to the network that was saved.
/// </summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class CheckpointImportTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nlset-pth-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    string P(string name) => Path.Combine(_dir, name);

    /// <summary>A module holding another under a field name, so its state dict keys get that prefix (DataParallel's "module.").</summary>
    sealed class Wrapper : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Module<Tensor, Tensor> module;

        public Wrapper(nn.Module<Tensor, Tensor> inner) : base(nameof(Wrapper))
        {
            module = inner;
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => module.call(input);
    }

    /// <summary>PyBridge's pickler is internal; it writes any Hashtable (nested dicts, numbers) as torch.save would.</summary>
    static void PickleDict(string path, Hashtable dict)
    {
        var type = typeof(PyBridgeModuleExtensions).Assembly.GetType("TorchSharp.PyBridge.PyTorchPickler")!;
        var method = type.GetMethod("PickleStateDict", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(Stream), typeof(IDictionary), typeof(bool)])!;
        using var stream = File.Create(path);
        method.Invoke(null, [stream, dict, false]);
    }

    static (ConvNet4a Model, Tensor Input, Tensor Expected) Saved(int seed)
    {
        Nlset.Core.Seeding.Apply(seed);
        var model = new ConvNet4a();
        model.eval();
        var input = torch.rand(4, 1, 28, 28);
        using var noGrad = torch.no_grad();
        return (model, input, model.call(input));
    }

    static void AssertLoadsIdentically(string path, Tensor input, Tensor expected)
    {
        Nlset.Core.Seeding.Apply(99);                     // a different initialisation, overwritten by the file
        using var fresh = new ConvNet4a();
        using (var noGrad = torch.no_grad()) Assert.False(Same(fresh.call(input), expected));
        CheckpointImport.Load(fresh, path, "convnet4a");
        fresh.eval();
        using var noGrad2 = torch.no_grad();
        Assert.True(Same(fresh.call(input), expected), "outputs differ after loading the .pth");
    }

    static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    [Fact]
    public void BareStateDictLoadsWithIdenticalOutputs()
    {
        var (model, input, expected) = Saved(1);
        model.save_py(P("bare.pth"));
        AssertLoadsIdentically(P("bare.pth"), input, expected);
    }

    [Fact]
    public void DataParallelPrefixLoads()
    {
        var (model, input, expected) = Saved(2);
        using var wrapped = new Wrapper(model);
        wrapped.save_py(P("module.pth"));
        Assert.Contains("module.model.conv1.weight", wrapped.state_dict().Keys);
        AssertLoadsIdentically(P("module.pth"), input, expected);
    }

    [Theory]
    [InlineData("model_state_dict")]
    [InlineData("state_dict")]
    public void StateDictNestedBesideOtherEntriesLoads(string key)
    {
        var (model, input, expected) = Saved(3);
        var state = new Hashtable();
        foreach (var (name, tensor) in model.state_dict()) state["module." + name] = tensor;
        PickleDict(P("nested.pth"), new Hashtable { [key] = state, ["epoch"] = 17, ["best_accuracy"] = 0.97 });
        AssertLoadsIdentically(P("nested.pth"), input, expected);
    }

    [Fact]
    public void WrongArchitectureFailsListingMissingAndUnexpectedNames()
    {
        Nlset.Core.Seeding.Apply(4);
        using var other = new ConvNet4b();
        other.save_py(P("convnet4b.pth"));
        using var model = new ConvNet4a();
        var e = Assert.Throws<ModelFileException>(() => CheckpointImport.Load(model, P("convnet4b.pth"), "convnet4a"));
        Assert.Contains("does not fit convnet4a", e.Message);
        Assert.Contains("missing conv1.bias, conv1.weight, conv2.bias", e.Message);
        Assert.Contains("unexpected 0.bias, 0.weight, 11.bias", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void SameNamesOtherShapesFail()
    {
        var state = new Hashtable();
        Nlset.Core.Seeding.Apply(5);
        using (var model = new ConvNet4a())
            foreach (var (name, tensor) in model.state_dict()) state[name] = name == "model.fc3.weight" ? torch.zeros(5, 200) : tensor.clone();
        PickleDict(P("shapes.pth"), state);
        using var target = new ConvNet4a();
        var e = Assert.Throws<ModelFileException>(() => CheckpointImport.Load(target, P("shapes.pth"), "convnet4a"));
        Assert.Contains("'fc3.weight' is [5, 200] in the file, [10, 200] in the network", e.Message);
    }

    [Fact]
    public void NotAPyTorchFileFailsWithOneLine()
    {
        File.WriteAllText(P("text.pth"), "hello");
        using var model = new ConvNet4a();
        var e = Assert.Throws<ModelFileException>(() => CheckpointImport.Load(model, P("text.pth"), "convnet4a"));
        Assert.Contains("not a PyTorch checkpoint", e.Message);
        PickleDict(P("empty.pth"), new Hashtable { ["epoch"] = 3 });
        var e2 = Assert.Throws<ModelFileException>(() => CheckpointImport.Load(model, P("empty.pth"), "convnet4a"));
        Assert.Contains("holds no state dict", e2.Message);
    }
}
