using System.Text;
using Nlset.Geometry;

namespace Nlset.Reconstruction.Batch;

/// <summary>Splits a manifest's options text into words as a POSIX shell would: blanks separate, quotes group, a backslash escapes.</summary>
public static class CommandWords
{
    public static IReadOnlyList<string> Split(string text, string source)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else if (c == '\\' && quote == '"' && i + 1 < text.Length && text[i + 1] is '"' or '\\') word.Append(text[++i]);
                else word.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                inWord = true;
                if (c is '"' or '\'') quote = c;
                else if (c == '\\' && i + 1 < text.Length) word.Append(text[++i]);
                else word.Append(c);
            }
        }
        if (quote != '\0') throw new InvalidInputException($"{source}: the options {text} have an unclosed {quote} quote");
        if (inWord) words.Add(word.ToString());
        return words;
    }
}
