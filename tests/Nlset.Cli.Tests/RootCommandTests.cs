namespace Nlset.Cli.Tests;

public class RootCommandTests
{
    [Fact]
    public void HelpListsCommandsAndExitsZero()
    {
        var run = CliRun.Of("--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("info", run.Out);
        Assert.Contains("--verbose", run.Out);
    }

    [Fact]
    public void VersionPrintsTheAssemblyVersion()
    {
        var run = CliRun.Of("--version");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("0.1.0", run.Out.Trim());
    }

    [Fact]
    public void UnknownCommandIsBadUsage() => CliRun.Of("frobnicate").AssertBadInput("frobnicate");

    [Fact]
    public void UnknownOptionIsBadUsage() => CliRun.Of("info", "x.ply", "--no-such-option").AssertBadInput("--no-such-option");

    [Fact]
    public void MissingArgumentIsBadUsage() => CliRun.Of("info").AssertBadInput();
}
