namespace Nlset.Geometry;

/// <summary>A message about settings, for any way of naming them (the library's settings properties, the CLI's flags).</summary>
public delegate string SettingWording(Func<string, string> nameOf);

/// <summary>
/// Library messages name a setting by its settings property ("Iterations", "LearningRate"): the library does not know
/// what a front end calls it. An exception whose message names settings keeps it as a <see cref="SettingWording"/>, so
/// that a front end can say it again with its own names (the CLI: its flags, "--iterations must be at least 1, got 0").
/// The wording rides in <see cref="Exception.Data"/>, so on an exception of any type (a diverged training is an
/// <see cref="InvalidOperationException"/>), and is found again in the message of an exception that wraps it.
/// </summary>
public static class SettingNames
{
    const string DataKey = "Nlset.SettingWording";

    /// <summary>The library's own names: the settings properties'.</summary>
    public static readonly Func<string, string> Library = setting => setting;

    /// <summary>An exception worded with the library's names, which keeps the wording for other names.</summary>
    public static TException WordedWith<TException>(this TException exception, SettingWording wording) where TException : Exception
    {
        exception.Data[DataKey] = wording;
        return exception;
    }

    /// <summary>The exception's message with settings named by <paramref name="nameOf"/>; the message as it is when it names none.</summary>
    public static string MessageNaming(this Exception exception, Func<string, string> nameOf)
    {
        if (exception.Data[DataKey] is SettingWording own) return own(nameOf);
        // A wrapper that quotes the message of its cause ("training failed at step 12: training diverged …") quotes it in
        // the library's names: each quoted wording is said again in the names asked for.
        var message = exception.Message;
        for (var inner = exception.InnerException; inner != null; inner = inner.InnerException)
            if (inner.Data[DataKey] is SettingWording wording && wording(Library) is { Length: > 0 } quoted)
                message = message.Replace(quoted, wording(nameOf), StringComparison.Ordinal);
        return message;
    }
}
