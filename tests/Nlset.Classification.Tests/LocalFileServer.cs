using System.Net;
using System.Net.Sockets;

namespace Nlset.Classification.Tests;

/// <summary>
/// A loopback HTTP server for download tests: serves the given files by name (404 otherwise), and counts requests.
/// Bound to 127.0.0.1 on a free port; stops when disposed.
/// </summary>
public sealed class LocalFileServer : IDisposable
{
    readonly HttpListener _listener = new();
    readonly Dictionary<string, byte[]> _files;
    readonly Task _loop;
    int _requests;

    public LocalFileServer(Dictionary<string, byte[]> files)
    {
        _files = files;
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/data/");
        _listener.Prefixes.Add(BaseAddress.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(Serve);
    }

    public Uri BaseAddress { get; }
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>A loopback address on which nothing listens (connections are refused at once).</summary>
    public static Uri Refusing() => new($"http://127.0.0.1:{FreePort()}/data/");

    async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            Interlocked.Increment(ref _requests);
            var name = context.Request.Url!.Segments[^1];
            using var response = context.Response;
            if (_files.TryGetValue(name, out var data))
            {
                response.ContentLength64 = data.Length;
                await response.OutputStream.WriteAsync(data);
            }
            else response.StatusCode = 404;
        }
    }

    static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { }
    }
}
