using Nlset.Geometry;

namespace Nlset.Classification.Data;

/// <summary>A dataset file that is missing, truncated or not in the format it should be: bad input (exit code 2),
/// with a one-line message naming the file and the problem.</summary>
public sealed class DatasetFileException : InvalidInputException
{
    public DatasetFileException(string file, string reason, Exception? inner = null)
        : base($"{file}: {reason}", inner)
    {
        File = file;
        Reason = reason;
    }

    public string File { get; }
    public string Reason { get; }
}
