namespace Nlset.Geometry;

/// <summary>
/// A user's input is unusable (an empty cloud, NaN coordinates, an option out of range). The CLI turns
/// every exception of this family into a one-line message and exit code 2; anything else is a bug (exit 1).
/// </summary>
public class InvalidInputException : Exception
{
    public InvalidInputException(string message, Exception? inner = null) : base(message, inner) { }
}
