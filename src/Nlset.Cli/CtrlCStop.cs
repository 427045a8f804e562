namespace Nlset.Cli;

/// <summary>
/// Turns the first Ctrl+C into a cancellation request, so a training loop can stop at the end of
/// its step and still write the mesh and the model from the current weights. A second Ctrl+C
/// kills the process as usual.
/// </summary>
public sealed class CtrlCStop : IDisposable
{
    readonly CancellationTokenSource _source = new();
    readonly CliContext _ctx;

    public CtrlCStop(CliContext ctx)
    {
        _ctx = ctx;
        Console.CancelKeyPress += OnCancel;
    }

    public CancellationToken Token => _source.Token;

    void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        if (_source.IsCancellationRequested) return;   // second press: let the runtime terminate
        e.Cancel = true;
        _source.Cancel();
        _ctx.Err.WriteLine();
        _ctx.Log.Warning("Ctrl+C: stopping after this step and saving what was trained (press again to abort)");
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _source.Dispose();
    }
}
