using Nlset.Geometry.IO;
using Serilog;
using Serilog.Core;

namespace Nlset.Cli;

/// <summary>What a command handler writes to: results on <see cref="Out"/>, logs and progress on <see cref="Err"/>.</summary>
public sealed class CliContext(TextWriter output, TextWriter error)
{
    public TextWriter Out { get; } = output;
    public TextWriter Err { get; } = error;
    /// <summary>Set by <see cref="NlsetApp"/> from the global options before a handler runs.</summary>
    public ILogger Log { get; set; } = Logger.None;
    /// <summary>How geometry files are read (set from --skip-invalid-points and --columns by the commands that read them).</summary>
    public GeometryReadOptions Reading { get; set; } = new() { SettingName = SettingFlags.Of };
    /// <summary>True when stderr is a terminal a person watches (progress bars instead of log lines).</summary>
    public bool ErrIsInteractive { get; init; } = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
}
