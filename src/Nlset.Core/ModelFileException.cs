using Nlset.Geometry;

namespace Nlset.Core;

/// <summary>
/// A model file that cannot be used — a network, classifier or robust checkpoint of nlset's <see cref="ModelFile"/>
/// container, or an imported PyTorch checkpoint: missing, of another format, of a version this build does not read,
/// truncated, or holding weights that do not fit its header. An <see cref="InvalidInputException"/>, so the CLI prints
/// its one line ("FILE: WHERE: WHY") and exits with code 2.
/// </summary>
public sealed class ModelFileException : InvalidInputException
{
    public ModelFileException(string file, string? location, string reason, Exception? inner = null)
        : base(location == null ? $"{file}: {reason}" : $"{file}: {location}: {reason}", inner)
    {
        File = file;
        Location = location;
        Reason = reason;
    }

    public string File { get; }

    /// <summary>The part of the file at fault ("header", "weights", "metadata", "training state"), or null for the whole file.</summary>
    public string? Location { get; }

    public string Reason { get; }
}
