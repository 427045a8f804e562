namespace Nlset.Geometry.Meshing;

/// <summary>
/// A regular grid of sample points with cubic cells: sample (i, j, k) is at
/// <c>Origin + Spacing · (i, j, k)</c> for 0 ≤ i &lt; CountX, 0 ≤ j &lt; CountY, 0 ≤ k &lt; CountZ.
/// Values over the grid are stored x fastest: index <c>i + CountX · (j + CountY · k)</c>.
/// </summary>
public sealed record SampleGrid
{
    /// <summary>Largest number of samples along one axis; keeps one z-slice within an array's reach.</summary>
    public const int MaxCount = 16384;

    public SampleGrid(Vector3d origin, double spacing, int countX, int countY, int countZ)
    {
        if (!origin.IsFinite) throw new InvalidInputException($"sample grid origin {origin} is not finite");
        if (!(spacing > 0) || !double.IsFinite(spacing)) throw new InvalidInputException(FormattableString.Invariant($"sample grid spacing must be positive and finite, got {spacing}"));
        foreach (var (name, count) in new[] { ("x", countX), ("y", countY), ("z", countZ) })
            if (count < 2 || count > MaxCount)
                throw new InvalidInputException($"sample grid needs 2 to {MaxCount} samples along {name}, got {count}");
        Origin = origin;
        Spacing = spacing;
        CountX = countX;
        CountY = countY;
        CountZ = countZ;
    }

    public Vector3d Origin { get; }
    /// <summary>Edge length of a (cubic) cell.</summary>
    public double Spacing { get; }
    public int CountX { get; }
    public int CountY { get; }
    public int CountZ { get; }

    public long SampleCount => (long)CountX * CountY * CountZ;
    public int SliceSize => CountX * CountY;
    public long CellCount => (long)(CountX - 1) * (CountY - 1) * (CountZ - 1);

    public int Count(int axis) => axis switch { 0 => CountX, 1 => CountY, 2 => CountZ, _ => throw new ArgumentOutOfRangeException(nameof(axis)) };

    /// <summary>The position of sample (i, j, k); every part of the mesher computes positions with this formula.</summary>
    public Vector3d Point(int i, int j, int k) => new(Origin.X + i * Spacing, Origin.Y + j * Spacing, Origin.Z + k * Spacing);

    /// <summary>
    /// The grid over <paramref name="box"/> with <paramref name="resolution"/> samples along the box's largest side,
    /// so cells are cubes of side LargestSide / (resolution − 1). It starts at <c>box.Min</c>; along the shorter sides
    /// it takes the fewest samples that reach <c>box.Max</c> (at least two), so it may overhang the box there by less
    /// than one cell.
    /// </summary>
    public static SampleGrid Covering(BoundingBox box, int resolution)
    {
        if (resolution < 2 || resolution > MaxCount)
            throw new InvalidInputException($"marching cubes resolution must be between 2 and {MaxCount} samples along the largest side, got {resolution}");
        if (!box.Min.IsFinite || !box.Max.IsFinite)
            throw new InvalidInputException($"marching cubes box [{box.Min}, {box.Max}] is not finite");
        var size = box.Size;
        if (size.X < 0 || size.Y < 0 || size.Z < 0 || !(box.LargestSide > 0))
            throw new InvalidInputException($"marching cubes box [{box.Min}, {box.Max}] is empty");
        double spacing = box.LargestSide / (resolution - 1);
        // The 1e-9 slack keeps rounding in size/spacing from adding a sample along the largest side.
        int Samples(double side) => Math.Max(2, (int)Math.Ceiling(side / spacing - 1e-9) + 1);
        return new SampleGrid(box.Min, spacing, Samples(size.X), Samples(size.Y), Samples(size.Z));
    }

    /// <summary>Evaluates <paramref name="field"/> at every sample, in calls of at most <paramref name="maxBatch"/> points.</summary>
    public double[] Evaluate(ScalarField field, int maxBatch = MarchingCubesOptions.DefaultMaxBatch)
    {
        if (SampleCount > Array.MaxLength)
            throw new InvalidInputException($"a {CountX}×{CountY}×{CountZ} grid has too many samples to hold in one array; use sparse marching cubes");
        var values = new double[SampleCount];
        new FieldSampler(field, this, maxBatch).EvaluateSlices(0, CountZ, values);
        return values;
    }
}
