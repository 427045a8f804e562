using System.CommandLine;

namespace Nlset.Cli;

/// <summary>Whether an option was typed on the command line, for options whose default depends on other choices.</summary>
public static class GivenOptions
{
    public static bool Given(this ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    /// <summary>The option's value when it was typed, else null (its help still shows a default).</summary>
    public static T? ValueIfGiven<T>(this ParseResult parse, Option<T> option) where T : struct =>
        parse.Given(option) ? parse.GetValue(option) : null;
}
