namespace Nlset.Cli.Tests;

/// <summary>What a person who mistypes gets: the help for a bare `nlset`, and "did you mean" for a near miss.</summary>
public class UsageErrorsTests
{
    [Fact]
    public void Bare_nlset_shows_the_help_and_succeeds()
    {
        var run = CliRun.Of();
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out);
        Assert.Contains("reconstruct", run.Out);
        Assert.Equal("", run.Err);
    }

    [Theory]
    [InlineData(new[] { "recnstruct", "cloud.xyz" }, "unknown command 'recnstruct' (did you mean 'reconstruct'?)")]
    [InlineData(new[] { "evl-chamfer" }, "unknown command 'evl-chamfer' (did you mean 'eval-chamfer'?)")]
    [InlineData(new[] { "info", "--jsn", "cloud.xyz" }, "unknown option '--jsn' (did you mean '--json'?)")]
    [InlineData(new[] { "reconstruct", "cloud.xyz", "--iteration", "5" }, "unknown option '--iteration' (did you mean '--iterations'?)")]
    [InlineData(new[] { "info", "cloud.xyz", "--verbos" }, "unknown option '--verbos' (did you mean '--verbose'?)")]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate' (see")]
    public void Mistyped_commands_and_options_get_a_suggestion(string[] args, string expected)
    {
        var run = CliRun.Of(args);
        run.AssertBadInput(expected);
        // The option is blamed, not the file that follows it.
        Assert.DoesNotContain("'cloud.xyz'", run.Err);
    }

    [Fact]
    public void Negative_numbers_are_values_not_options() =>
        CliRun.Of("render", "missing.ply", "--camera", "-30,10").AssertBadInput("missing.ply", "no such file");

    [Theory]
    [InlineData("json", "jsn", 1)]
    [InlineData("iterations", "iteration", 1)]
    [InlineData("abc", "acb", 1)]
    [InlineData("", "abc", 3)]
    public void Edit_distance_counts_a_swap_as_one_slip(string a, string b, int expected) => Assert.Equal(expected, UsageErrors.EditDistance(a, b));
}
