using Nlset.Geometry;

namespace Nlset.Reconstruction.Tests;

public class LevelScheduleTests
{
    [Fact]
    public void ContinuousIsTheDefault()
    {
        Assert.True(LevelSchedule.Parse("continuous").IsContinuous);
        Assert.True(new ReconstructionSettings().Levels.IsContinuous);
    }

    [Fact]
    public void PlusMinusExpandsAndZeroIsAlwaysIncluded()
    {
        var t = LevelSchedule.Parse("±0.01,+-0.05");
        Assert.Equal([-0.05, -0.01, 0, 0.01, 0.05], t.ExplicitLevels);
        Assert.Equal("-0.05,-0.01,0,0.01,0.05", t.ToString());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0,0.7")]
    [InlineData("")]
    [InlineData("nan")]
    public void BadLevelsAreInputErrors(string text) =>
        Assert.Throws<InvalidInputException>(() => LevelSchedule.Parse(text));
}
