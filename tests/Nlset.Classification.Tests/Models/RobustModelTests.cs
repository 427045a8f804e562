using Nlset.Classification.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Tests.Models;

/// <summary>The Table 1 networks: parameter counts of the reference architectures, PyTorch names, output shapes.</summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class RobustModelTests
{
    [Theory]
    [InlineData(RobustArchitecture.ConvNet4a, 312_202, "model.conv1.weight", "model.fc3.bias")]
    [InlineData(RobustArchitecture.ConvNet4b, 2_466_858, "model.0.weight", "model.13.bias")]
    [InlineData(RobustArchitecture.ResNet18, 11_173_962, "layer2.0.shortcut.0.weight", "linear.bias")]
    [InlineData(RobustArchitecture.SmallCnn, 312_202, "model.conv1.weight", "model.fc3.bias")]
    public void ParameterCountsAndNamesFollowTheReference(RobustArchitecture architecture, long parameters, string first, string last)
    {
        using var model = architecture.Create();
        Assert.Equal(parameters, model.parameters().Sum(p => p.numel()));
        var names = model.state_dict().Keys.ToList();
        Assert.Contains(first, names);
        Assert.Contains(last, names);
        if (architecture == RobustArchitecture.ResNet18) Assert.Contains("layer4.1.bn2.running_var", names);
    }

    [Theory]
    [InlineData(RobustArchitecture.ConvNet4a)]
    [InlineData(RobustArchitecture.ConvNet4b)]
    [InlineData(RobustArchitecture.ResNet18)]
    [InlineData(RobustArchitecture.SmallCnn)]
    public void TenLogitsPerImage(RobustArchitecture architecture)
    {
        Nlset.Core.Seeding.Apply(2);
        using var model = architecture.Create();
        model.eval();
        var (c, h, w) = architecture.InputShape();
        using var noGrad = torch.no_grad();
        var logits = model.call(torch.rand(2, c, h, w));
        Assert.Equal(new long[] { 2, 10 }, logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
    }

    [Fact]
    public void ArchitectureNamesAndDatasetDefaults()
    {
        Assert.Equal(RobustArchitecture.ConvNet4b, RobustArchitectures.Parse("ConvNet-4b"));
        Assert.Equal(RobustArchitecture.ConvNet4a, RobustArchitectures.DefaultFor(Nlset.Classification.Data.DatasetName.Mnist));
        Assert.Equal(RobustArchitecture.ConvNet4b, RobustArchitectures.DefaultFor(Nlset.Classification.Data.DatasetName.Cifar10));
        Assert.Equal(RobustArchitecture.SmallCnn, RobustArchitectures.Parse("smallcnn"));
        Assert.Equal((1, 28, 28), RobustArchitecture.SmallCnn.InputShape());
        Assert.Throws<Nlset.Geometry.InvalidInputException>(() => RobustArchitectures.Parse("vgg16"));
    }
}
