using System.Runtime.CompilerServices;
using TorchSharp;

namespace Nlset.Reconstruction.Tests;

/// <summary>Tiny tensors: one torch thread is faster and steadier than two on a busy 2-core machine (see Nlset.Core.Tests).</summary>
internal static class SingleThreadedTorch
{
    [ModuleInitializer]
    internal static void Apply() => torch.set_num_threads(1);
}

/// <summary>Trainings seed torch's global generator: they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SeededTrainingCollection
{
    public const string Name = "seeded training";
}
