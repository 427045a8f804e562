using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Nlset.Cli;

/// <summary>
/// Turns System.CommandLine's parse errors into the one line nlset prints: an unknown option or command is named as
/// such, with the closest known name when one is near ("did you mean"), rather than blamed on what follows it
/// (`info --jsn FILE` parses --jsn as FILE and then calls FILE unrecognised).
/// </summary>
static class UsageErrors
{
    public static string Describe(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var unknownOptions = parse.Tokens
            .Where(t => t.Type == TokenType.Argument && LooksLikeOption(t.Value))
            .Select(t => t.Value)
            .Concat(parse.UnmatchedTokens.Where(LooksLikeOption))
            .Distinct()
            .ToList();
        if (unknownOptions.Count > 0)
            return string.Join("; ", unknownOptions.Select(o => $"unknown option '{o}'{Suggestion(o, OptionNames(parse.CommandResult))}"));

        if (command.Subcommands.Count > 0 && parse.UnmatchedTokens.FirstOrDefault() is { } word && parse.CommandResult.Tokens.Count == 0)
            return $"unknown command '{word}'{Suggestion(word, command.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name)))}";

        return string.Join("; ", parse.Errors.Select(e => e.Message.ReplaceLineEndings(" ").Trim()).Distinct());
    }

    /// <summary>"--jsn" or "-x" but not a negative number ("-0.5") or an option's value such as "-30,10".</summary>
    static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' && (token[1] == '-' || char.IsLetter(token[1]))
        && !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    static IEnumerable<string> OptionNames(CommandResult result)
    {
        for (SymbolResult? r = result; r is CommandResult c; r = c.Parent)
            foreach (var option in c.Command.Options)
                if (ReferenceEquals(r, result) || option.Recursive)
                    foreach (var name in option.Aliases.Prepend(option.Name)) yield return name;
    }

    static string Suggestion(string typed, IEnumerable<string> known)
    {
        var best = known.Distinct()
            .Select(k => (Name: k, Distance: EditDistance(typed.ToLowerInvariant(), k.ToLowerInvariant())))
            .OrderBy(k => k.Distance).ThenBy(k => k.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        // A third of the word may be wrong (two letters at least): further than that a guess confuses more than it helps.
        return best.Name != null && best.Distance <= Math.Max(2, typed.Length / 3) ? $" (did you mean '{best.Name}'?)" : "";
    }

    /// <summary>Levenshtein distance with adjacent transpositions (a swapped pair of letters is one slip).</summary>
    internal static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
