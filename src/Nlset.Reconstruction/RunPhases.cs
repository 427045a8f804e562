using System.Diagnostics;

namespace Nlset.Reconstruction;

/// <summary>
/// Where the wall-clock time of one run went, phase by phase in the order they ran, and the process's peak resident
/// memory: what a user sizing a cluster job for a large scan needs (issue 15: a 10 M-point scan's time by stage).
/// </summary>
public sealed class RunPhases
{
    /// <summary>Phase names, as --json and the log print them.</summary>
    public const string Reading = "reading", Preparing = "preparing", Training = "training", Extracting = "extracting",
        Refining = "refining", Writing = "writing";

    readonly List<KeyValuePair<string, double>> _seconds = [];

    /// <summary>Runs <paramref name="work"/> and adds its wall-clock time to <paramref name="phase"/>.</summary>
    public T Time<T>(string phase, Func<T> work)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return work();
        }
        finally
        {
            Add(phase, clock.Elapsed.TotalSeconds);
        }
    }

    /// <summary>Runs <paramref name="work"/> and adds its wall-clock time to <paramref name="phase"/>.</summary>
    public void Time(string phase, Action work) => Time(phase, () => { work(); return 0; });

    /// <summary>Adds <paramref name="seconds"/> to <paramref name="phase"/> (a phase met again keeps its first place).</summary>
    public void Add(string phase, double seconds)
    {
        int i = _seconds.FindIndex(p => p.Key == phase);
        if (i < 0) _seconds.Add(new(phase, seconds));
        else _seconds[i] = new(phase, _seconds[i].Value + seconds);
    }

    /// <summary>Seconds of each phase, in the order the phases first ran.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Seconds => _seconds;

    public double TotalSeconds => _seconds.Sum(p => p.Value);

    /// <summary>The largest resident memory the process has had so far (Linux: VmHWM), in bytes.</summary>
    public static long PeakResidentBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
