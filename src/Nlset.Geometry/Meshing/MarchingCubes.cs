using System.Diagnostics;

namespace Nlset.Geometry.Meshing;

/// <summary>
/// Extracts the level set {F = iso} of a scalar field as a triangle mesh. Each cut grid edge gets one vertex at
/// the linear-interpolation point, shared by the cells around it; triangles face +∇F (outwards for a signed
/// distance that is negative inside); ambiguous cell faces follow one rule from both sides, so a closed level
/// set that misses the grid's vertices gives a closed, manifold mesh (see <see cref="CubeCaseTable"/>).
/// </summary>
public static class MarchingCubes
{
    /// <summary>
    /// Samples <paramref name="field"/> on the grid <see cref="SampleGrid.Covering"/> builds from
    /// <paramref name="box"/> and <see cref="MarchingCubesOptions.Resolution"/>, densely or (Sparse) in a narrow band
    /// around the surface, and meshes its level set <see cref="MarchingCubesOptions.IsoValue"/>. The field is called
    /// from this thread only, with batches of up to MaxBatch points.
    /// </summary>
    /// <exception cref="InvalidInputException">Bad options or box, or the field returned NaN or infinity.</exception>
    public static MarchingCubesResult Extract(ScalarField field, BoundingBox box, MarchingCubesOptions options)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var grid = SampleGrid.Covering(box, options.Resolution);
        var sampler = new FieldSampler(field, grid, options.MaxBatch);
        int threads = Threads(options.MaxDegreeOfParallelism);
        Mesh mesh;
        int seedBlocks = 0, activeBlocks = 0, totalBlocks = 0;
        long coarseEvaluations = 0;
        if (options.Sparse)
        {
            var (sparseMesh, run) = SparseExtraction.Extract(sampler, grid, options.IsoValue, options.CoarseBlock, threads);
            mesh = sparseMesh;
            seedBlocks = run.SeedBlocks;
            activeBlocks = run.ActiveBlocks;
            totalBlocks = run.TotalBlocks;
            coarseEvaluations = run.CoarseEvaluations;
        }
        else
        {
            mesh = DenseExtraction.FromField(sampler, grid, options.IsoValue, threads);
        }
        var statistics = new MarchingCubesStatistics
        {
            FieldEvaluations = sampler.Evaluations,
            CoarseEvaluations = coarseEvaluations,
            FieldCalls = sampler.Calls,
            LargestBatch = sampler.LargestBatch,
            SmallestBatch = sampler.SmallestBatch,
            EvaluationTime = sampler.Time,
            TotalTime = clock.Elapsed,
            SeedBlocks = seedBlocks,
            ActiveBlocks = activeBlocks,
            TotalBlocks = totalBlocks,
        };
        return new MarchingCubesResult(mesh, grid, statistics);
    }

    /// <summary>
    /// Meshes the level set <paramref name="isoValue"/> of values already sampled on <paramref name="grid"/>
    /// (x fastest: index i + CountX·(j + CountY·k)). Gives the same mesh as the dense field overload on that grid.
    /// </summary>
    /// <param name="maxDegreeOfParallelism">Threads used to march; -1 uses all cores. The mesh does not depend on it.</param>
    /// <exception cref="InvalidInputException">The values do not match the grid, or one is NaN or infinite.</exception>
    public static MarchingCubesResult Extract(SampleGrid grid, ReadOnlyMemory<double> values, double isoValue = 0, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var clock = Stopwatch.StartNew();
        if (values.Length != grid.SampleCount)
            throw new InvalidInputException($"{values.Length} values given for a {grid.CountX}×{grid.CountY}×{grid.CountZ} grid of {grid.SampleCount} samples");
        if (!double.IsFinite(isoValue)) throw new InvalidInputException(FormattableString.Invariant($"marching cubes iso value must be finite, got {isoValue}"));
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
            throw new InvalidInputException($"marching cubes thread count must be positive or -1 (all cores), got {maxDegreeOfParallelism}");
        var span = values.Span;
        for (int s = 0; s < span.Length; s++)
            if (!double.IsFinite(span[s]))
            {
                int i = s % grid.CountX, j = s / grid.CountX % grid.CountY, k = s / grid.CountX / grid.CountY;
                throw new InvalidInputException(FormattableString.Invariant($"grid value {s} (sample {i}, {j}, {k} at {grid.Point(i, j, k)}) is {span[s]}; marching cubes needs finite values"));
            }
        var mesh = DenseExtraction.FromValues(grid, values, isoValue, Threads(maxDegreeOfParallelism));
        return new MarchingCubesResult(mesh, grid, new MarchingCubesStatistics { TotalTime = clock.Elapsed });
    }

    static int Threads(int maxDegreeOfParallelism) => maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
}
