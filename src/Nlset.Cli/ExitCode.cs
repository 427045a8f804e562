namespace Nlset.Cli;

/// <summary>The tool's exit codes (design.md): 0 success, 2 bad usage or bad input, 1 anything else.</summary>
public enum ExitCode
{
    Success = 0,
    Failure = 1,
    BadInput = 2,
}
