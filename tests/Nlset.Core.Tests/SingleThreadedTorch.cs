using System.Runtime.CompilerServices;
using TorchSharp;

namespace Nlset.Core.Tests;

/// <summary>
/// The unit tests run torch on one intra-op thread. Their tensors are tiny, and on a machine whose cores are busy
/// (parallel builds, other test assemblies) two OpenMP threads stall each other: measured on this 2-core machine under
/// load, a 64-point forward + input gradient took 0.06 ms on one thread but 0.08–60 ms on two, which made the memory
/// loop 30× slower. Tests that need another thread count set it themselves, in the sequential collection.
/// </summary>
internal static class SingleThreadedTorch
{
    [ModuleInitializer]
    internal static void Apply() => torch.set_num_threads(1);
}
