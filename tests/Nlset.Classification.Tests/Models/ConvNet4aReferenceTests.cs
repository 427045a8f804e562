using Nlset.Classification.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nlset.Classification.Tests.Models;

/// <summary>
/// ConvNet-4a is the network the authors ran (archs.py's SmallCNN: its repeated OrderedDict keys leave the head linear),
/// smallcnn is TRADES' with ReLUs in the head: both against the logits PyTorch computed for the same weights and inputs
/// (Fixtures/PyTorch/convnet4a.json; weights and inputs from formulas, PyTorchFixtures).
/// </summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class ConvNet4aReferenceTests
{
    static string[] Layers(nn.Module<Tensor, Tensor> network) =>
        network.named_children().Single().module.named_children().Select(c => c.name).ToArray();

    [Fact]
    public void NoActivationBetweenTheFullyConnectedLayers()
    {
        using var model = new ConvNet4a();
        var expected = PyTorchFixtures.Json("convnet4a.json").GetProperty("modules").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(expected, Layers(model));                        // the order PyTorch's Sequential runs
        Assert.Equal(["fc1", "fc2", "fc3"], Layers(model)[^3..]);
        using var relus = new SmallCnn();
        Assert.Equal(["fc1", "relu5", "fc2", "relu6", "fc3"], Layers(relus)[^5..]);
        Assert.Equal(model.state_dict().Keys, relus.state_dict().Keys);   // same names: the same checkpoints load into both
    }

    [Theory]
    [InlineData(RobustArchitecture.ConvNet4a, "convnet4a")]
    [InlineData(RobustArchitecture.SmallCnn, "smallcnn")]
    public void LogitsMatchPyTorchForTheSameWeights(RobustArchitecture architecture, string key)
    {
        using var model = architecture.Create();
        PyTorchFixtures.PatternWeights(model);
        model.eval();
        var (_, shape, expected) = PyTorchFixtures.Values(PyTorchFixtures.Json("convnet4a.json").GetProperty(key));
        using var noGrad = torch.no_grad();
        using var input = PyTorchFixtures.PatternInputs(4, 1, 28, 28);
        using var logits = model.call(input);
        Assert.Equal(shape, logits.shape);
        var actual = logits.flatten().data<float>().ToArray();
        var worst = expected.Select((e, i) => Math.Abs(actual[i] - e)).Max();
        Assert.True(worst <= 1e-5, $"{key}: largest difference from PyTorch's logits {worst:E2}");
        // The other head computes another function from the same weights.
        var other = PyTorchFixtures.Values(PyTorchFixtures.Json("convnet4a.json").GetProperty(key == "convnet4a" ? "smallcnn" : "convnet4a")).Values;
        Assert.True(other.Select((e, i) => Math.Abs(actual[i] - e)).Max() > 0.1);
    }
}
