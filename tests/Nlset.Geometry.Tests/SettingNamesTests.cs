namespace Nlset.Geometry.Tests;

/// <summary>Library messages name settings by their properties; a front end words them again with its own names.</summary>
public sealed class SettingNamesTests
{
    static string Flag(string setting) => "--" + setting.ToLowerInvariant();

    [Fact]
    public void ASettingErrorIsWordedWithThePropertyAndAgainWithAnyName()
    {
        var error = InvalidInputException.ForSetting("Iterations", name => $"{name} must be at least 1, got 0");
        Assert.Equal("Iterations must be at least 1, got 0", error.Message);
        Assert.Equal("--iterations must be at least 1, got 0", error.MessageNaming(Flag));
    }

    [Fact]
    public void AnExceptionOfAnyTypeCanNameSeveralSettings()
    {
        SettingWording wording = nameOf => $"files not found; downloading is off ({nameOf("Download")}); point {nameOf("DataDirectory")} at them";
        var error = new InvalidOperationException(wording(SettingNames.Library)).WordedWith(wording);
        Assert.Equal("files not found; downloading is off (Download); point DataDirectory at them", error.Message);
        Assert.Equal("files not found; downloading is off (--download); point --datadirectory at them", error.MessageNaming(Flag));
    }

    [Fact]
    public void AWrapperThatQuotesAWordedMessageIsWordedAgainToo()
    {
        SettingWording diverged = nameOf => $"training diverged at step 3 (loss NaN); try a lower {nameOf("LearningRate")}";
        var cause = new InvalidOperationException(diverged(SettingNames.Library)).WordedWith(diverged);
        var failed = new Exception($"training failed at step 3: {cause.Message}", cause);
        var reported = new InvalidOperationException(failed.Message + "; the training so far is saved", failed);
        Assert.Equal("training failed at step 3: training diverged at step 3 (loss NaN); try a lower --learningrate; the training so far is saved",
            reported.MessageNaming(Flag));
    }

    [Fact]
    public void AMessageThatNamesNoSettingStaysAsItIs()
    {
        var error = new InvalidInputException("cloud.ply: no points", new FormatException("inner"));
        Assert.Equal("cloud.ply: no points", error.MessageNaming(Flag));
    }
}
