using Nlset.Classification.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Tests.Models;

[Collection(TorchGlobalStateCollection.Name)]
public class BatchNormalization2dTests
{
    /// <summary>The held-Scalar batch norm computes what nn.BatchNorm2d computes, in training and in evaluation, with the same buffers.</summary>
    [Fact]
    public void MatchesTorchSharpsBatchNorm2dBitForBit()
    {
        using var reference = nn.BatchNorm2d(4);
        using var ours = new BatchNormalization2d(4);
        Assert.Equal(reference.state_dict().Keys.OrderBy(k => k), ours.state_dict().Keys.OrderBy(k => k));
        using var g = new Generator(3);
        for (int step = 0; step < 5; step++)
        {
            using var x = torch.randn(6, 4, 5, 5, generator: g) * 2;
            using var a = reference.call(x);
            using var b = ours.call(x);
            Assert.True(a.eq(b).all().item<bool>(), $"training step {step}");
        }
        foreach (var (name, tensor) in reference.state_dict())
            Assert.True(tensor.eq(ours.state_dict()[name]).all().item<bool>(), name);
        Assert.Equal(5, ours.state_dict()["num_batches_tracked"].item<long>());
        reference.eval();
        ours.eval();
        using var y = torch.randn(2, 4, 5, 5, generator: g);
        Assert.True(reference.call(y).eq(ours.call(y)).all().item<bool>(), "evaluation");
    }
}
