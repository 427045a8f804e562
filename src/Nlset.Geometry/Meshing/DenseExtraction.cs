using System.Collections.Concurrent;

namespace Nlset.Geometry.Meshing;

/// <summary>
/// Marching cubes over every cell of the grid, in z order. With a field, it evaluates as many whole z-slices per
/// call as fit in MaxBatch points (or splits a slice that does not) and keeps only those slices plus the one below
/// them in memory: two slices when a slice fills a batch. Layers in memory are cut into bands marched in parallel
/// and joined in z order, so the mesh is the same for any thread count, batch size, or precomputed values.
/// </summary>
internal sealed class DenseExtraction
{
    /// <summary>Fewer layers per band than this cost more in joining than they gain in parallel.</summary>
    const int MinBandLayers = 4;

    readonly SampleGrid grid;
    readonly double iso;
    readonly int threads;
    readonly MeshAssembler assembler = new(onlyLastPartShares: true);
    readonly ConcurrentBag<CellLayerMarcher> marchers = [];

    DenseExtraction(SampleGrid grid, double iso, int threads)
    {
        this.grid = grid;
        this.iso = iso;
        this.threads = threads;
    }

    public static Mesh FromValues(SampleGrid grid, ReadOnlyMemory<double> values, double iso, int threads)
    {
        var extraction = new DenseExtraction(grid, iso, threads);
        extraction.MarchLayers(values, 0, grid.CountZ - 1);
        return extraction.assembler.ToMesh();
    }

    public static Mesh FromField(FieldSampler sampler, SampleGrid grid, double iso, int threads)
    {
        var extraction = new DenseExtraction(grid, iso, threads);
        int slice = grid.SliceSize;
        int perChunk = Math.Clamp(sampler.MaxBatch / slice, 1, grid.CountZ);
        var buffer = new double[(long)(perChunk + 1) * slice];
        // The buffer holds the last slice of the previous chunk (none at first) followed by the chunk's new slices.
        int held = 0;
        for (int next = 0; next < grid.CountZ;)
        {
            int count = Math.Min(perChunk, grid.CountZ - next);
            sampler.EvaluateSlices(next, count, buffer.AsSpan(held * slice, count * slice));
            int layers = held + count - 1;
            if (layers > 0) extraction.MarchLayers(buffer.AsMemory(0, (layers + 1) * slice), next - held, layers);
            next += count;
            buffer.AsSpan(layers * slice, slice).CopyTo(buffer);
            held = 1;
        }
        return extraction.assembler.ToMesh();
    }

    /// <summary>Marches layers firstSlice .. firstSlice + layerCount − 1; <paramref name="slices"/> starts at slice firstSlice.</summary>
    void MarchLayers(ReadOnlyMemory<double> slices, int firstSlice, int layerCount)
    {
        int slice = grid.SliceSize;
        int bands = threads == 1 ? 1 : Math.Clamp(layerCount / MinBandLayers, 1, 4 * threads);
        var parts = new MeshPart[bands];
        Parallel.For(0, bands, new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => marchers.TryTake(out var m) ? m : new CellLayerMarcher(grid, iso, slice),
            (band, _, marcher) =>
            {
                int first = (int)((long)layerCount * band / bands), last = (int)((long)layerCount * (band + 1) / bands);
                int z0 = firstSlice + first, z1 = firstSlice + last;
                int shares = (z0 > 0 ? CellLayerMarcher.SharesZMin : 0) | (z1 < grid.CountZ - 1 ? CellLayerMarcher.SharesZMax : 0);
                var part = new MeshPart();
                marcher.March(slices.Span.Slice(first * slice, (last - first + 1) * slice), grid.CountX, grid.CountY, 0, 0, z0, z1, shares, part);
                parts[band] = part;
                return marcher;
            },
            marchers.Add);
        foreach (var part in parts) assembler.Append(part);
    }
}
