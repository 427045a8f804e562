using System.Text.Json;

namespace Nlset.Cli.Tests;

/// <summary>nlset demo-2d end to end on few points and steps (seconds).</summary>
[Collection(TorchCollection.Name)]
public sealed class Demo2dCommandTests() : TestFolder("nlset-demo-")
{
    [Fact]
    public void AllFourPanelsAreDrawnSideBySideWithASeparatingBoundaryEach()
    {
        var run = CliRun.Of("demo-2d", "--all", "-o", P("fig1.png"), "--points", "16", "--epochs", "250", "--learning-rate", "0.01", "--json");
        Assert.True(run.ExitCode == 0, run.Err);
        var (width, height) = PngAssert.SizeOf(P("fig1.png"));
        PngAssert.IsPng(P("fig1.png"), width, height);
        Assert.True(width >= 4 * height, $"{width}x{height} is not a row of four panels");
        using var json = JsonDocument.Parse(run.Out);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(["xent", "linf-margin", "l2-margin", "geometric-svm"], results.Select(r => r.GetProperty("loss").GetString()));
        foreach (var r in results)
        {
            Assert.Equal(1.0, r.GetProperty("trainAccuracy").GetDouble());
            Assert.True(r.GetProperty("smallestDistanceToBoundary").GetDouble() > 0.01, r.ToString());
        }
    }

    [Fact]
    public void OneLossWritesOnePanel()
    {
        var run = CliRun.Of("demo-2d", "--loss", "l2-margin", "-o", P("c.png"), "--points", "12", "--epochs", "60");
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("l2-margin", run.Out);
        var (width, height) = PngAssert.SizeOf(P("c.png"));
        Assert.True(width < 2 * height);
    }

    [Theory]
    [InlineData("--loss", "hinge")]
    [InlineData("--epochs", "0")]
    [InlineData("--points", "2")]
    [InlineData("--epsilon", "-1")]
    public void BadOptionsAreOneLineBadInput(string option, string value)
    {
        CliRun.Of("demo-2d", option, value, "-o", P("x.png")).AssertBadInput(option);
        Assert.False(File.Exists(P("x.png")));
    }

    [Fact]
    public void AllWithALossOrAWrongExtensionIsRefused()
    {
        CliRun.Of("demo-2d", "--all", "--loss", "xent", "-o", P("x.png")).AssertBadInput("--all");
        CliRun.Of("demo-2d", "-o", P("x.svg")).AssertBadInput(".png");
    }
}
