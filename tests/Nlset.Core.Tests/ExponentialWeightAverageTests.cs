using Nlset.Core;
using TorchSharp;

namespace Nlset.Core.Tests;

public class ExponentialWeightAverageTests
{
    static void Fill(torch.nn.Module module, float value)
    {
        using var noGrad = torch.no_grad();
        foreach (var p in module.parameters()) p.fill_(value);
    }

    static float[] Values(torch.nn.Module module) => [.. module.parameters().SelectMany(p => p.detach().data<float>().ToArray())];

    [Fact]
    public void AverageIsTheExponentialMovingAverageOfTheUpdates()
    {
        using var module = torch.nn.Linear(3, 2);
        using var average = new ExponentialWeightAverage(module, decay: 0.9);
        Fill(module, 1); average.Update();      // starts at 1
        Fill(module, 2); average.Update();      // 0.9·1 + 0.1·2 = 1.1
        Fill(module, 4); average.Update();      // 0.9·1.1 + 0.1·4 = 1.39
        Assert.All(Values(module), v => Assert.Equal(4f, v));
        average.CopyToModule();
        Assert.All(Values(module), v => Assert.Equal(1.39f, v, 5));
    }

    [Fact]
    public void CopyBeforeAnyUpdateLeavesTheModuleAlone()
    {
        using var module = torch.nn.Linear(3, 2);
        Fill(module, 7);
        using var average = new ExponentialWeightAverage(module, decay: 0.5);
        Assert.False(average.HasAverage);
        average.CopyToModule();
        Assert.All(Values(module), v => Assert.Equal(7f, v));
    }

    [Fact]
    public void AverageSurvivesTheDisposeScopeItWasStartedIn()
    {
        using var module = torch.nn.Linear(3, 2);
        using var average = new ExponentialWeightAverage(module, decay: 0.5);
        using (torch.NewDisposeScope())
        {
            Fill(module, 2);
            average.Update();
        }
        Fill(module, 4);
        average.Update();
        average.CopyToModule();
        Assert.All(Values(module), v => Assert.Equal(3f, v));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void DecayOutsideTheUnitIntervalIsRefused(double decay)
    {
        using var module = torch.nn.Linear(3, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialWeightAverage(module, decay));
    }
}
