using Nlset.Core;
using Nlset.Geometry;

namespace Nlset.Reconstruction.Tests;

public class ReconstructionSettingsTests
{
    [Fact]
    public void DefaultsAreValid() => new ReconstructionSettings().Validated();

    [Fact]
    public void OutOfRangeValuesAreInputErrors()
    {
        var d = new ReconstructionSettings();
        Assert.Contains("Iterations must be at least 1, got 0", Assert.Throws<InvalidInputException>(() => (d with { Iterations = 0 }).Validated()).Message);
        Assert.Contains("BatchSize must", Assert.Throws<InvalidInputException>(() => (d with { BatchSize = 1 }).Validated()).Message);
        Assert.Contains("LearningRate must", Assert.Throws<InvalidInputException>(() => (d with { LearningRate = -1 }).Validated()).Message);
        Assert.Contains("Resolution must", Assert.Throws<InvalidInputException>(() => (d with { Resolution = 4 }).Validated()).Message);
        Assert.Contains("3 inputs", Assert.Throws<InvalidInputException>(() => (d with { Network = NetworkSpec.Parse("2x16,in=2") }).Validated()).Message);
    }

    [Fact]
    public void SettingsSerialiseForTheModelFile()
    {
        var json = new ReconstructionSettings { Seed = 7 }.ToJson();
        Assert.Equal(7, (int)json["seed"]!);
        Assert.Equal("continuous", (string)json["levels"]!);
        Assert.StartsWith("4x256", (string)json["network"]!);
    }
}
