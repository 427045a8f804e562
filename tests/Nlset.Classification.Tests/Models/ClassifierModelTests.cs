using Nlset.Classification.Models;
using Nlset.Geometry;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Tests.Models;

public sealed class ClassifierModelTests
{
    [Theory]
    [InlineData("mlp,in=1x28x28,hidden=128x128", new[] { "layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias", "layers.2.weight", "layers.2.bias" })]
    [InlineData("cnn,in=3x32x32,conv=16x32,fc=64", new[] { "conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias" })]
    public void ParameterNamesFollowPyTorch(string text, string[] names)
    {
        using var model = ClassifierSpec.Parse(text).Create();
        Assert.Equal(names, model.named_parameters().Select(p => p.name));
    }

    [Theory]
    [InlineData("mlp,in=1x28x28", 1, 28, 117_121)]            // 784·128 + 128 + 128·128 + 128 + 128 + 1
    [InlineData("cnn,in=1x28x28", 1, 28, 416 + 12_832 + 100_416 + 65)]
    [InlineData("cnn,in=3x32x32", 3, 32, 1_216 + 12_832 + 131_136 + 65)]
    public void ScoresOneNumberPerImageAndCountsItsParameters(string text, int channels, int side, long parameters)
    {
        var spec = ClassifierSpec.Parse(text);
        using var model = spec.Create();
        Assert.Equal(parameters, spec.ParameterCount);
        Assert.Equal(parameters, model.parameters().Sum(p => p.numel()));
        using var scores = model.call(torch.rand(5, channels, side, side));
        Assert.Equal([5L], scores.shape);
    }

    [Fact]
    public void SpecTextRoundTrips()
    {
        foreach (var text in new[] { "mlp,in=1x28x28,hidden=64", "cnn,in=3x32x32,conv=8x16,fc=32", "mlp,in=1x1x2,hidden=32x32x32" })
        {
            var spec = ClassifierSpec.Parse(text);
            Assert.Equal(text, spec.ToString());
            Assert.Equal(spec, ClassifierSpec.Parse(spec.ToString()));
        }
        Assert.Equal("cnn,in=1x28x28,conv=16x32,fc=64", ClassifierSpec.Default(ClassifierKind.Cnn, 1, 28, 28).ToString());
    }

    [Theory]
    [InlineData("rnn,in=1x2x2", "not mlp or cnn")]
    [InlineData("mlp,hidden=3", "in=CxHxW is missing")]
    [InlineData("mlp,in=1x28", "in= takes CxHxW")]
    [InlineData("mlp,in=1x28x28,hidden=0", "widths must be")]
    [InlineData("mlp,in=1x28x28,conv=3x3", "for cnn")]
    [InlineData("cnn,in=1x2x2", "at least 4x4")]
    [InlineData("mlp,in=1x28x28,depth=3", "unknown key")]
    public void BadSpecsAreRefused(string text, string message) =>
        Assert.Contains(message, Assert.Throws<InvalidInputException>(() => ClassifierSpec.Parse(text)).Message);
}
