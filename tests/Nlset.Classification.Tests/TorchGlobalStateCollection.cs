namespace Nlset.Classification.Tests;

/// <summary>Tests that seed torch's global generator (training, initialisation) run alone, so no other test draws from it meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchGlobalStateCollection
{
    public const string Name = "torch global state";
}
