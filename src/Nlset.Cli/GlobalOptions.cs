using System.CommandLine;
using Nlset.Geometry;
using Nlset.Geometry.IO;

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

    public static readonly Option<FileInfo?> LogFile = CreateLogFile();

    static Option<FileInfo?> CreateLogFile()
    {
        var option = new Option<FileInfo?>("--log-file")
        {
            Description = "Also write the log (at debug level) to this file.",
            Recursive = true,
            HelpName = "PATH",
        };
        // Serilog's file sink drops what it cannot write without a word: check the folder while parsing, before any work.
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<FileInfo?>() is not { } file) return;
            try
            {
                OutputPath.Check(file.FullName, "--log-file");
            }
            catch (InvalidInputException e)
            {
                result.AddError(e.Message);
            }
        });
        return option;
    }
}
