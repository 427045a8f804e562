namespace Nlset.Core.Tests;

/// <summary>
/// Tests that touch process-wide torch state — the global random generator, the thread count, the live-tensor
/// counter — run alone: no other test runs in parallel with this collection.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchGlobalStateCollection
{
    public const string Name = "torch global state";
}
