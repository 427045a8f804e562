using System.CommandLine;

namespace Nlset.Cli;

/// <summary>Options every command accepts, declared once (Recursive) on the root command.</summary>
public static class GlobalOptions
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log debug detail on stderr.",
        Recursive = true,
    };

    public static readonly Option<bool> Quiet = new("--quiet", "-q")
    {
        Description = "Log only warnings and errors on stderr.",
        Recursive = true,
    };

    public static readonly Option<FileInfo?> LogFile = new("--log-file")
    {
        Description = "Also write the log (at debug level) to this file.",
        Recursive = true,
        HelpName = "PATH",
    };
}
