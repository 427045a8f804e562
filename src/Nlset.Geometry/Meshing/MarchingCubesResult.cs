namespace Nlset.Geometry.Meshing;

/// <summary>The extracted mesh, the grid it was extracted on, and what it cost.</summary>
public sealed record MarchingCubesResult(Mesh Mesh, SampleGrid Grid, MarchingCubesStatistics Statistics);

/// <summary>Cost of one extraction. Evaluation counts are zero when the values were given precomputed.</summary>
public sealed record MarchingCubesStatistics
{
    /// <summary>Points passed to the field in all calls together (each grid sample at most once).</summary>
    public long FieldEvaluations { get; init; }
    /// <summary>Of <see cref="FieldEvaluations"/>, those on the coarse grid (sparse mode).</summary>
    public long CoarseEvaluations { get; init; }
    public int FieldCalls { get; init; }
    public int LargestBatch { get; init; }
    /// <summary>Smallest batch passed to the field; zero when it was never called.</summary>
    public int SmallestBatch { get; init; }
    /// <summary>Time spent inside the field.</summary>
    public TimeSpan EvaluationTime { get; init; }
    public TimeSpan TotalTime { get; init; }
    /// <summary>Sparse mode: coarse cells whose corners bracket the iso value, coarse cells refined (seeds and those
    /// the surface led to), and coarse cells in the grid.</summary>
    public int SeedBlocks { get; init; }
    public int ActiveBlocks { get; init; }
    public int TotalBlocks { get; init; }
}
