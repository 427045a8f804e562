namespace Nlset.Classification.Data;

/// <summary>How far a dataset download is: bytes received of <paramref name="TotalBytes"/> (null when the server does not say).</summary>
public sealed record DownloadProgress(string File, long Bytes, long? TotalBytes);
