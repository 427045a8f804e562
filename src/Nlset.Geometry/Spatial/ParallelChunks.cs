namespace Nlset.Geometry.Spatial;

/// <summary>Runs a batch of independent queries in parallel over contiguous chunks; the answer for each item never depends on the scheduling.</summary>
internal static class ParallelChunks
{
    // Queries per work item: large enough to amortise scheduling, small enough to balance 2–16 cores.
    public const int DefaultChunk = 1024;

    public static void Run(int count, Action<int, int> body, int chunk = DefaultChunk)
    {
        int chunks = (count + chunk - 1) / chunk;
        if (chunks <= 1)
        {
            body(0, count);
            return;
        }
        Parallel.For(0, chunks, c => body(c * chunk, Math.Min(count, (c + 1) * chunk)));
    }
}
