using System.CommandLine;
using Nlset.Cli;

namespace Nlset.Cli.Tests;

/// <summary>The CLI names the library's settings by its flags: every flag it maps to is one of its options.</summary>
public sealed class SettingFlagsTests
{
    static IEnumerable<Command> Commands(Command command) => command.Subcommands.SelectMany(Commands).Prepend(command);

    [Fact]
    public void EverySettingMapsToAnOptionOfSomeCommand()
    {
        var root = NlsetApp.BuildRoot(new CliContext(TextWriter.Null, TextWriter.Null));
        var names = Commands(root).SelectMany(c => c.Options).SelectMany(o => o.Aliases.Prepend(o.Name)).ToHashSet();
        foreach (var (setting, flag) in SettingFlags.All)
            Assert.True(names.Contains(flag), $"{setting} maps to {flag}, which no command has");
    }

    [Fact]
    public void ALibraryMessageReachesTheUserWithTheFlag()
    {
        var run = CliRun.Of("demo-2d", "--epochs", "0", "-o", Path.Combine(Path.GetTempPath(), "nlset-flags-test.png"));
        run.AssertBadInput("--epochs must be 1..1000000, got 0");
        Assert.DoesNotContain("Epochs", run.Err);
    }

    [Fact]
    public void ASettingWithoutAFlagKeepsTheLibrarysName() => Assert.Equal("NewtonIterations", SettingFlags.Of("NewtonIterations"));
}
