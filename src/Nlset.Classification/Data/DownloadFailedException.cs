namespace Nlset.Classification.Data;

/// <summary>A download that could not complete; the message is one line.</summary>
public sealed class DownloadFailedException(string message, Exception? inner = null) : Exception(message, inner);
