namespace Nlset.Geometry.Meshing;

/// <summary>Settings of <see cref="MarchingCubes.Extract(ScalarField, BoundingBox, MarchingCubesOptions)"/>.</summary>
public sealed record MarchingCubesOptions
{
    /// <summary>64K points: a whole 256² slice per network forward pass, yet small enough for an 8×512 MLP's activations.</summary>
    public const int DefaultMaxBatch = 1 << 16;

    /// <summary>Number of grid samples along the largest side of the box; cells are cubes (see <see cref="SampleGrid.Covering"/>).</summary>
    public int Resolution { get; init; } = 128;

    /// <summary>The level extracted. Samples with value &lt; IsoValue are inside, all others (including equal) outside.</summary>
    public double IsoValue { get; init; }

    /// <summary>
    /// Evaluate a coarse grid first and the fine grid only in the coarse cells the surface passes through
    /// (see docs/marching-cubes.md). Worth it from about 128 samples per side when the field is expensive.
    /// </summary>
    public bool Sparse { get; init; }

    /// <summary>Sparse mode: fine cells per coarse cell along each axis.</summary>
    public int CoarseBlock { get; init; } = 8;

    /// <summary>Most points passed to the field in one call.</summary>
    public int MaxBatch { get; init; } = DefaultMaxBatch;

    /// <summary>Threads used to march cells (never to call the field); -1 uses all cores. The mesh does not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    internal void Validate()
    {
        if (Resolution < 2 || Resolution > SampleGrid.MaxCount)
            throw new InvalidInputException($"marching cubes resolution must be between 2 and {SampleGrid.MaxCount} samples along the largest side, got {Resolution}");
        if (!double.IsFinite(IsoValue)) throw new InvalidInputException(FormattableString.Invariant($"marching cubes iso value must be finite, got {IsoValue}"));
        if (CoarseBlock < 2 || CoarseBlock > 64)
            throw new InvalidInputException($"marching cubes coarse block must be 2 to 64 fine cells, got {CoarseBlock}");
        if (MaxBatch < 1) throw new InvalidInputException($"marching cubes batch size must be at least 1, got {MaxBatch}");
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
            throw new InvalidInputException($"marching cubes thread count must be positive or -1 (all cores), got {MaxDegreeOfParallelism}");
    }
}
