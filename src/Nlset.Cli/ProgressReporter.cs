using System.Diagnostics;
using System.Globalization;

namespace Nlset.Cli;

/// <summary>
/// Progress of a long run on stderr: a redrawn bar with the loss terms and ETA when a person watches
/// a terminal; otherwise (CI, redirected stderr) a plain log line every <see cref="LogInterval"/>.
/// </summary>
public sealed class ProgressReporter : IDisposable
{
    static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);

    readonly CliContext _ctx;
    readonly string _label;
    readonly Stopwatch _clock = Stopwatch.StartNew();
    TimeSpan? _lastDraw;
    bool _drewBar;

    public ProgressReporter(CliContext ctx, string label)
    {
        _ctx = ctx;
        _label = label;
    }

    /// <summary>Reports progress: <paramref name="fraction"/> of the run done (0..1), <paramref name="step"/> as a human counter, and the current figures.</summary>
    public void Report(double fraction, string step, string figures, bool force = false)
    {
        var now = _clock.Elapsed;
        fraction = Math.Clamp(fraction, 0, 1);
        string eta = fraction > 0.001 ? Format(TimeSpan.FromSeconds(now.TotalSeconds * (1 - fraction) / fraction)) : "--:--";
        if (_ctx.ErrIsInteractive)
        {
            if (!force && now - _lastDraw < RedrawInterval) return;   // null (never drawn) compares false: draw
            const int width = 24;
            int filled = (int)Math.Round(fraction * width);
            string bar = new string('#', filled) + new string('-', width - filled);
            // Counters and ETA first: on a narrow terminal the line is cut from the right.
            string line = $"{_label} [{bar}] {fraction * 100,5:F1}% {step} eta {eta} elapsed {Format(now)}  {figures}";
            int columns = SafeWindowWidth();
            if (line.Length > columns - 1) line = line[..(columns - 1)];
            _ctx.Err.Write("\r" + line.PadRight(columns - 1));
            _drewBar = true;
        }
        else
        {
            if (!force && now - _lastDraw < LogInterval) return;
            _ctx.Log.Information("{Label} {Percent}% {Step} {Figures} elapsed {Elapsed} eta {Eta}",
                _label, (fraction * 100).ToString("F1", CultureInfo.InvariantCulture), step, figures, Format(now), eta);
        }
        _lastDraw = now;
    }

    public void Dispose()
    {
        if (_drewBar) _ctx.Err.WriteLine();
        _drewBar = false;   // disposed twice when a failure ends the bar early
    }

    static int SafeWindowWidth()
    {
        try { return Console.WindowWidth is var w && w >= 20 ? w : 120; }   // an unsized pty reports 0
        catch (IOException) { return 120; }
    }

    public static string Format(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:D2}:{t.Seconds:D2}" : $"{t.Minutes:D2}:{t.Seconds:D2}";
}
