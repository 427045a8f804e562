namespace Nlset.Geometry;

/// <summary>
/// A user's input is unusable (an empty cloud, NaN coordinates, an option out of range). The CLI turns
/// every exception of this family into a one-line message and exit code 2; anything else is a bug (exit 1).
/// </summary>
public class InvalidInputException : Exception
{
    public InvalidInputException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>
    /// A setting whose value cannot be used. The message names the setting by its settings property and keeps its
    /// wording, so that a front end can name the setting its own way (<see cref="SettingNames"/>).
    /// </summary>
    /// <param name="setting">The settings property, e.g. nameof(Iterations).</param>
    /// <param name="wording">The message for a name of the setting, e.g. <c>name =&gt; $"{name} must be at least 1, got {Iterations}"</c>.</param>
    public static InvalidInputException ForSetting(string setting, Func<string, string> wording) =>
        new InvalidInputException(wording(setting)).WordedWith(nameOf => wording(nameOf(setting)));
}
