using TorchSharp;

namespace Nlset.Core;

/// <summary>
/// Makes runs repeatable (<c>--seed</c>). Nlset.Core draws every random number from torch's global generator
/// (initialisation, sampling, projections' start points), so seeding it is enough for Core; code that needs .NET
/// randomness should make its own <c>new Random(seed)</c> from the same seed rather than share one.
/// On CPU a seeded run is repeatable bit for bit for a fixed number of intra-op threads (torch.get_num_threads());
/// results can differ in the last bits between thread counts, because reductions are split per thread
/// (measured in Nlset.Core.Tests SeedingTests and docs/method-to-code.md).
/// </summary>
public static class Seeding
{
    public static void Apply(int seed)
    {
        torch.manual_seed(seed);
        if (torch.cuda.is_available()) torch.cuda.manual_seed_all(seed);
    }
}
