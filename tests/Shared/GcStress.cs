namespace Nlset.Tests.Shared;

/// <summary>
/// Garbage collections back to back on a thread of their own, with the finalizers run after each, for as long as the
/// instance lives: any TorchSharp object that a training loop leaves unheld while libtorch still uses it (a Scalar made
/// on the fly, a tensor outside a dispose scope) is then freed under libtorch's feet within milliseconds instead of once
/// in thousands of steps. Issue 13: a loop of <c>t.mul_(0.5)</c> under this fails in 0.1 s; with held Scalars it never does.
/// </summary>
public sealed class GcStress : IDisposable
{
    readonly Thread _thread;
    volatile bool _stop;

    public GcStress()
    {
        _thread = new Thread(() =>
        {
            while (!_stop)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Interlocked.Increment(ref _collections);
            }
        }) { IsBackground = true, Name = "GC stress" };
        _thread.Start();
    }

    long _collections;

    /// <summary>Collections done so far: a soak test asserts it was many, so the stress did happen.</summary>
    public long Collections => Interlocked.Read(ref _collections);

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
