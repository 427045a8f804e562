using System.Runtime.CompilerServices;
using TorchSharp;

namespace Nlset.Classification.Tests;

/// <summary>Tiny tensors: one torch thread is faster and steadier than two on a busy 2-core machine (see Nlset.Core.Tests).</summary>
internal static class SingleThreadedTorch
{
    [ModuleInitializer]
    internal static void Apply() => torch.set_num_threads(1);
}
