using Nlset.Core;
using Nlset.Geometry;
using TorchSharp;

namespace Nlset.Reconstruction.Tests;

/// <summary>Eq. 13 for l = 2 and T = {0} (paper §3.3), against hand-computed values.</summary>
public class CurveLossTests
{
    static torch.Tensor T(double[] values, params long[] shape) => torch.tensor(values, shape, dtype: torch.float64);

    [Fact]
    public void CurveSamplesAreAskedToLieOnTheDataWhateverLevelTheyReached()
    {
        var moved = T([0, 0, 0, 1, 1, 1], 2, 3);
        var nearest = T([3, 4, 0, 1, 1, 3], 2, 3);           // distances 5 and 2
        var reached = T([0.5, -0.5, 0.1, 0.2], 2, 2);         // [N, 2]: a curve; ignored, the target is 0
        Assert.Equal(3.5, LevelSetDistanceLoss.Distance(moved, nearest, reached).item<double>(), 9);
        // A surface sample on level c is asked to lie at |c|: | 5 − 0.5 | and | 2 − 3 |.
        Assert.Equal((4.5 + 1) / 2, LevelSetDistanceLoss.Distance(moved, nearest, T([0.5, -3], 2)).item<double>(), 9);
        Assert.Throws<ArgumentException>(() => LevelSetDistanceLoss.Distance(moved, nearest, T(new double[6], 2, 3)));
    }

    [Fact]
    public void TheDataTermOfACurveIsTheMeanNormOfBothOutputs()
    {
        Assert.Equal((5 + 13) / 2.0, LevelSetDistanceLoss.OnData(T([3, -4, -5, 12], 2, 2)).item<double>(), 9);
        Assert.Equal((3 + 4) / 2.0, LevelSetDistanceLoss.OnData(T([3, -4], 2, 1)).item<double>(), 12);
        Assert.Equal((3 + 4) / 2.0, LevelSetDistanceLoss.OnData(T([3, -4], 2)).item<double>(), 12);
    }

    [Fact]
    public void ACurveNetworkControlsOnlyTheZeroLevelSet()
    {
        var curve = CurveReconstruction.DefaultSettings;
        Assert.Equal(2, curve.Network.Outputs);
        Assert.True(curve.Levels.IsZeroOnly);
        curve.Validated();
        Assert.Contains("Levels: ", Assert.Throws<InvalidInputException>(() => (curve with { Levels = LevelSchedule.Continuous }).Validated()).Message);
        Assert.Contains("Levels: ", Assert.Throws<InvalidInputException>(() => (curve with { Levels = LevelSchedule.Parse("0,±0.01") }).Validated()).Message);
        Assert.True(LevelSchedule.Parse("0").IsZeroOnly);
        Assert.False(LevelSchedule.Parse("0,0.1").IsZeroOnly);
        Assert.False(LevelSchedule.Continuous.IsZeroOnly);
    }

    [Fact]
    public void ExtractionSettingsAreChecked()
    {
        new CurveExtractionSettings().Validated();
        Assert.Contains("Resolution must be 8..2048", Assert.Throws<InvalidInputException>(() => new CurveExtractionSettings { Resolution = 2 }.Validated()).Message);
        Assert.Throws<InvalidInputException>(() => new CurveExtractionSettings { Spurious = new() { TinyFraction = -1 } }.Validated());
    }
}
