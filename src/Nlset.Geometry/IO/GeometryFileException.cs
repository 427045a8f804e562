namespace Nlset.Geometry.IO;

/// <summary>
/// The one exception every reader and writer raises for bad input: it names the file, where in it
/// the problem is (a line, or an element and index), and the reason. The CLI prints
/// <see cref="Exception.Message"/> as a one-line error and exits with code 2.
/// </summary>
public sealed class GeometryFileException : InvalidInputException
{
    public GeometryFileException(string file, string? location, string reason, Exception? inner = null)
        : base(Format(file, location, reason), inner)
    {
        File = file;
        Location = location;
        Reason = reason;
    }

    public string File { get; }
    /// <summary>For example "line 12" or "vertex 1041", or null when the problem is the file as a whole.</summary>
    public string? Location { get; }
    public string Reason { get; }

    static string Format(string file, string? location, string reason) =>
        location == null ? $"{file}: {reason}" : $"{file}: {location}: {reason}";
}
