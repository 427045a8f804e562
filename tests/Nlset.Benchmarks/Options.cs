using System.Globalization;

namespace Nlset.Benchmarks;

/// <summary>"--name value" pairs of a benchmark's arguments.</summary>
public sealed class Options
{
    readonly Dictionary<string, string> _values = new();

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (int i = 0; i < args.Length; i++)
            if (args[i].StartsWith("--"))
                o._values[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--") ? args[++i] : "true";
        return o;
    }

    public bool Has(string name) => _values.ContainsKey(name);
    public string String(string name, string fallback) => _values.GetValueOrDefault(name, fallback);
    public int Int(string name, int fallback) => _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
    public double Double(string name, double fallback) => _values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
