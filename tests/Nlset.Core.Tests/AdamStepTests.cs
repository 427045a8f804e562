using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Core.Tests;

[Collection(TorchGlobalStateCollection.Name)]
public class AdamStepTests
{
    /// <summary>Trains two copies of a network, one with TorchSharp's Adam.step(), one with AdamStep; weights and Adam's state must agree bit for bit.</summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-3)]
    public void MatchesTorchSharpsAdamBitForBit(double weightDecay)
    {
        Seeding.Apply(7);
        using var reference = new ImplicitNetwork(NetworkSpec.Parse("2x32"));
        using var ours = new ImplicitNetwork(NetworkSpec.Parse("2x32"));
        ours.load_state_dict(reference.state_dict());
        using var referenceAdam = optim.Adam(reference.parameters(), lr: 3e-3, weight_decay: weightDecay);
        using var ourAdam = optim.Adam(ours.parameters(), lr: 3e-3, weight_decay: weightDecay);
        for (int step = 0; step < 25; step++)
        {
            using var scope = NewDisposeScope();
            var x = randn(64, 3);
            // The rate changes as in the surface trainer's schedule.
            foreach (var g in referenceAdam.ParamGroups) g.LearningRate = 3e-3 / (1 + step);
            foreach (var g in ourAdam.ParamGroups) g.LearningRate = 3e-3 / (1 + step);
            referenceAdam.zero_grad();
            reference.forward(x).abs().mean().backward();
            referenceAdam.step();
            ourAdam.zero_grad();
            ours.forward(x).abs().mean().backward();
            AdamStep.Apply(ourAdam);
        }
        foreach (var (a, b) in reference.parameters().Zip(ours.parameters()))
            Assert.True(a.eq(b).all().item<bool>(), "weights differ");
        var referenceState = referenceAdam.state_dict().State.Cast<TorchSharp.Modules.Adam.State>().ToList();
        var ourState = ourAdam.state_dict().State.Cast<TorchSharp.Modules.Adam.State>().ToList();
        for (int i = 0; i < referenceState.Count; i++)
        {
            Assert.Equal(referenceState[i].step, ourState[i].step);
            Assert.True(referenceState[i].exp_avg_sq.eq(ourState[i].exp_avg_sq).all().item<bool>());
        }
        Assert.Equal(25, ourState[0].step);
    }

    /// <summary>The failure of issue 13, under a collector thread: steps with held Scalars never fail.</summary>
    [Fact]
    public void ThousandsOfStepsUnderGarbageCollectionStress()
    {
        Seeding.Apply(3);
        using var network = new ImplicitNetwork(NetworkSpec.Parse("2x16"));
        using var adam = optim.Adam(network.parameters(), lr: 1e-3);
        using var stress = new Nlset.Tests.Shared.GcStress();
        for (int step = 0; step < 3000; step++)
        {
            using var scope = NewDisposeScope();
            adam.zero_grad();
            network.forward(randn(16, 3)).abs().mean().backward();
            AdamStep.Apply(adam);
        }
        Assert.True(stress.Collections > 100, $"only {stress.Collections} collections ran");
    }
}
