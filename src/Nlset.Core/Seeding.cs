using TorchSharp;

namespace Nlset.Core;

/// <summary>
/// Makes runs repeatable (<c>--seed</c>). Nlset.Core draws every random number from torch's global generator
/// (initialisation, sampling, projections' start points), so seeding it is enough for Core; code that needs .NET
/// randomness should make its own <c>new Random(seed)</c> from the same seed rather than share one.
/// On CPU a seeded run is repeatable bit for bit (test SeedingTests). Measured on this machine (benchmark determinism:
/// 4×256 with 2048 points × 10 Adam steps, 8×512 with 10,000 points × 3 steps), the weights were also identical between
/// 1 and 2 intra-op threads; that is a property of this libtorch build and CPU, not a guarantee — compare runs made
/// with the same torch.get_num_threads(). On CUDA some backward kernels use atomics, so GPU runs may differ slightly
/// (not testable on this CPU-only machine).
/// </summary>
public static class Seeding
{
    public static void Apply(int seed)
    {
        torch.manual_seed(seed);
        if (torch.cuda.is_available()) torch.cuda.manual_seed_all(seed);
    }
}
