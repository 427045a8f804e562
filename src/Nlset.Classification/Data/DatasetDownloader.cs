using System.Formats.Tar;
using System.IO.Compression;
using System.Net;

namespace Nlset.Classification.Data;

/// <summary>
/// Fetches dataset files over HTTP(S) into a folder: each file is written to NAME.partial and renamed when complete,
/// so an interrupted download never leaves a file that looks whole. Failures (no network, refused connection, HTTP
/// errors) are reported as <see cref="DownloadFailedException"/> with a one-line reason; the caller turns that into a
/// message telling where to put the files by hand.
/// </summary>
public sealed class DatasetDownloader : IDisposable
{
    readonly HttpClient _client;

    public DatasetDownloader(TimeSpan? connectTimeout = null)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(20),
            AutomaticDecompression = DecompressionMethods.None,      // .gz files must arrive as they are
        };
        _client = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(30) };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("nlset/0.1");
    }

    /// <summary>Downloads <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public void Download(Uri source, string destination, IProgress<DownloadProgress>? progress = null, CancellationToken cancel = default)
    {
        var name = Path.GetFileName(destination);
        var partial = destination + ".partial";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
            using var request = new HttpRequestMessage(HttpMethod.Get, source);
            using var response = _client.Send(request, HttpCompletionOption.ResponseHeadersRead, cancel);
            if (!response.IsSuccessStatusCode)
                throw new DownloadFailedException($"{source} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            var total = response.Content.Headers.ContentLength;
            using (var body = response.Content.ReadAsStream(cancel))
            using (var file = File.Create(partial))
            {
                var buffer = new byte[1 << 16];
                long received = 0;
                progress?.Report(new DownloadProgress(name, 0, total));
                int read;
                while ((read = body.Read(buffer, 0, buffer.Length)) > 0)
                {
                    cancel.ThrowIfCancellationRequested();
                    file.Write(buffer, 0, read);
                    received += read;
                    progress?.Report(new DownloadProgress(name, received, total));
                }
                if (total is { } expected && received != expected)
                    throw new DownloadFailedException($"{source}: the connection closed after {received} of {expected} bytes");
            }
            File.Move(partial, destination, overwrite: true);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or UnauthorizedAccessException
                                      || e is TaskCanceledException && !cancel.IsCancellationRequested)
        {
            TryDelete(partial);
            var reason = e is TaskCanceledException ? "timed out" : OneLine(e.InnerException?.Message ?? e.Message);
            throw new DownloadFailedException($"downloading {source} failed: {reason}", e);
        }
        catch
        {
            TryDelete(partial);
            throw;
        }
    }

    /// <summary>Unpacks the members of a .tar.gz whose names end with one of <paramref name="wanted"/> into <paramref name="folder"/> (flat).</summary>
    public static void ExtractTarGz(string archive, string folder, IReadOnlyCollection<string> wanted)
    {
        Directory.CreateDirectory(folder);
        try
        {
            using var file = File.OpenRead(archive);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                var name = Path.GetFileName(entry.Name);
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !wanted.Contains(name)) continue;
                var target = Path.Combine(folder, name);
                entry.ExtractToFile(target + ".partial", overwrite: true);
                File.Move(target + ".partial", target, overwrite: true);
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new DatasetFileException(archive, $"corrupt or truncated archive ({OneLine(e.Message)}); delete it and retry", e);
        }
    }

    static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public void Dispose() => _client.Dispose();
}
