using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Core.Tests;

[Collection(TorchGlobalStateCollection.Name)]
public class SeedingTests
{
    /// <summary>A short reconstruction-like training that draws every random number from torch's global generator.</summary>
    static Tensor[] Train(int seed)
    {
        Seeding.Apply(seed);
        using var network = new ImplicitNetwork(NetworkSpec.Parse("2x32"));
        using var optimizer = optim.Adam(network.parameters(), 1e-3);
        var projector = new LevelSetProjector();
        for (var step = 0; step < 10; step++)
        {
            using var scope = NewDisposeScope();
            var cloud = randn(128, 3);
            cloud = cloud / cloud.norm(dim: 1, keepdim: true) * 0.8;
            var start = cloud + randn_like(cloud) * 0.1;
            var projection = projector.Project(network.call, start);
            var samples = SampleNetwork.Of(projection);
            var loss = (samples.Forward(network.call).norm(dim: 1) - 0.8).abs().mean() + network.call(cloud).abs().mean();
            using (NewDisposeScope()) optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
        return network.parameters().Select(p => p.detach().clone()).ToArray();
    }

    static bool SameWeights(Tensor[] a, Tensor[] b) =>
        a.Length == b.Length && a.Zip(b).All(pair => TensorAssert.Identical(pair.First, pair.Second));

    [Fact]
    public void SameSeedGivesBitIdenticalWeightsOnCpu()
    {
        using var scope = NewDisposeScope();
        var first = Train(5);
        var second = Train(5);
        Assert.True(SameWeights(first, second));
        Assert.False(SameWeights(first, Train(6)));
    }

    [Fact]
    public void SameSeedIsBitIdenticalForAFixedThreadCount()
    {
        using var scope = NewDisposeScope();
        var threads = get_num_threads();
        try
        {
            set_num_threads(2);
            Assert.True(SameWeights(Train(7), Train(7)));
        }
        finally
        {
            set_num_threads(threads);
        }
    }
}
