using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Core.Tests;

/// <summary>TorchSharp's native library must load on this host (see build/WeakenGlibcxxVersionNeed.cs).</summary>
public class TorchSharpLoadTests
{
    [Fact]
    public void TensorOperationAndAutogradGradWork()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new float[] { 1f, -2f, 3f }, requires_grad: true);
        var y = (x * x * x).sum();                       // d/dx x^3 = 3x^2
        var g = torch.autograd.grad(new[] { y }, new[] { x })[0];
        Assert.Equal(new float[] { 3f, 12f, 27f }, g.data<float>().ToArray());
        Assert.Equal(4f * 4f, (torch.ones(4, 4).matmul(torch.ones(4, 4))).sum().item<float>() / 4f);
    }
}
