using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Core.Tests;

/// <summary>
/// Projection + sample network + backward + Adam, 200 times: the number of live tensors must be the same after the
/// last iteration as after the tenth (by then Adam's state and the parameters' .grad exist). The count is TorchSharp's
/// per-thread <c>DisposeScopeManager.Statistics.ThreadTotalLiveCount</c> (created minus disposed on this thread): a
/// tensor that is never disposed stays counted even if the GC finalizes it later on its own thread, which the global
/// <c>Tensor.TotalCount</c> would hide (and garbage of other tests, finalized mid-loop, would disturb).
/// <para>Measured on the way: TorchSharp 0.107's <c>optimizer.zero_grad()</c> leaves one live handle per parameter
/// when called outside a dispose scope, so the second test calls it inside one.</para>
/// </summary>
[Collection(TorchGlobalStateCollection.Name)]
public class MemoryTests
{
    const int Iterations = 200, Settled = 10;

    static long LiveTensors => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

    [Fact]
    public void LiveTensorsStayFlatWithAScopePerIteration()
    {
        using var network = new ImplicitNetwork(NetworkSpec.Parse("2x16"), new Generator(81, CPU));
        using var optimizer = optim.Adam(network.parameters(), 1e-3);
        var generator = new Generator(82, CPU);
        var projector = new LevelSetProjector(chunkSize: 40);
        long settled = 0;
        for (var i = 0; i < Iterations; i++)
        {
            using (var scope = NewDisposeScope())
            {
                var projection = projector.Project(network.call, randn(64, 3, generator: generator));
                var samples = SampleNetwork.Of(projection);
                var loss = (samples.Forward(network.call).norm(dim: 1) - 0.8).abs().mean();
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
            if (i == Settled) settled = LiveTensors;
        }
        Assert.Equal(settled, LiveTensors);
    }

    [Fact]
    public void LiveTensorsStayFlatWithoutACallerScopeWhenResultsAreDisposed()
    {
        // Everything the core returns is owned by the caller; nothing else may be left behind.
        using var network = new ImplicitNetwork(NetworkSpec.Parse("2x16,out=2"), new Generator(83, CPU));
        using var optimizer = optim.Adam(network.parameters(), 1e-3);
        var generator = new Generator(84, CPU);
        var projector = new LevelSetProjector(chunkSize: 40);
        var solver = new RegulaFalsi();
        long settled = 0;
        for (var i = 0; i < Iterations; i++)
        {
            using (var start = randn(64, 3, generator: generator))
            using (var projection = projector.Project(network.call, start))
            using (var samples = SampleNetwork.Of(projection))
            using (var positions = samples.Forward(network.call))
            using (var norms = positions.norm(dim: 1))
            using (var distances = norms.sub(0.8))
            using (var absolute = distances.abs())
            using (var loss = absolute.mean())
            {
                using (NewDisposeScope()) optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
            using (var a = zeros(8, 3))
            using (var b = full(8, 3, 3.0f))
            using (var zerosOnSegments = solver.Solve(x => network.call(x)[.., 0], a, b)) { }
            if (i == Settled) settled = LiveTensors;
        }
        Assert.Equal(settled, LiveTensors);
    }
}
