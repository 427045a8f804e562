using Nlset.Cli;

namespace Nlset.Cli.Tests;

/// <summary>Runs nlset in-process with captured stdout and stderr.</summary>
public sealed record CliRun(int ExitCode, string Out, string Err)
{
    public static CliRun Of(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = NlsetApp.Run(args, o, e);
        return new CliRun(code, o.ToString(), e.ToString());
    }

    /// <summary>Bad input: exit code 2 and exactly one line on stderr (no stack trace).</summary>
    public void AssertBadInput(params string[] mustContain)
    {
        Assert.True(ExitCode == 2, $"exit code {ExitCode}, stderr: {Err}");
        var lines = Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.DoesNotContain("   at ", Err);
        foreach (var s in mustContain) Assert.Contains(s, Err);
    }
}
