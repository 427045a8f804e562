using System.Diagnostics;

namespace Nlset.Geometry.Meshing;

/// <summary>
/// Calls a <see cref="ScalarField"/> in batches of at most MaxBatch points from one thread, rejects non-finite
/// values, and counts calls, points and time.
/// </summary>
internal sealed class FieldSampler
{
    readonly ScalarField field;
    readonly SampleGrid grid;
    readonly Stopwatch clock = new();
    Vector3d[]? sliceBuffer;

    public FieldSampler(ScalarField field, SampleGrid grid, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (maxBatch < 1) throw new InvalidInputException($"marching cubes batch size must be at least 1, got {maxBatch}");
        this.field = field;
        this.grid = grid;
        MaxBatch = maxBatch;
    }

    public int MaxBatch { get; }
    public long Evaluations { get; private set; }
    public int Calls { get; private set; }
    public int LargestBatch { get; private set; }
    public int SmallestBatch { get; private set; }
    public TimeSpan Time => clock.Elapsed;

    /// <summary>Evaluates <paramref name="points"/> in consecutive calls of at most MaxBatch points.</summary>
    public void Evaluate(ReadOnlySpan<Vector3d> points, Span<double> values)
    {
        Debug.Assert(values.Length == points.Length);
        for (int start = 0; start < points.Length; start += MaxBatch)
        {
            int n = Math.Min(MaxBatch, points.Length - start);
            var batch = points.Slice(start, n);
            var results = values.Slice(start, n);
            clock.Start();
            field(batch, results);
            clock.Stop();
            Evaluations += n;
            Calls++;
            LargestBatch = Math.Max(LargestBatch, n);
            SmallestBatch = Calls == 1 ? n : Math.Min(SmallestBatch, n);
            for (int i = 0; i < n; i++)
                if (!double.IsFinite(results[i]))
                    throw NonFinite(results[i], batch[i]);
        }
    }

    /// <summary>
    /// Evaluates whole z-slices <paramref name="firstSlice"/>.. into <paramref name="values"/> (x fastest) in the
    /// fewest calls of at most MaxBatch points, split evenly so that no call is less than half a batch.
    /// </summary>
    public void EvaluateSlices(int firstSlice, int sliceCount, Span<double> values)
    {
        int nx = grid.CountX, ny = grid.CountY;
        long total = (long)sliceCount * nx * ny;
        Debug.Assert(values.Length >= total);
        var buffer = sliceBuffer ??= new Vector3d[MaxBatch];
        long calls = (total + MaxBatch - 1) / MaxBatch;
        for (long call = 0; call < calls; call++)
        {
            long start = total * call / calls, end = total * (call + 1) / calls;
            int n = (int)(end - start);
            long row = start / nx;
            int i = (int)(start - row * nx), j = (int)(row % ny), k = firstSlice + (int)(row / ny);
            // Same arithmetic as SampleGrid.Point, walked sample by sample instead of divided out each time.
            var o = grid.Origin;
            double h = grid.Spacing, y = o.Y + j * h, z = o.Z + k * h;
            for (int p = 0; p < n; p++)
            {
                buffer[p] = new Vector3d(o.X + i * h, y, z);
                if (++i == nx)
                {
                    i = 0;
                    if (++j == ny)
                    {
                        j = 0;
                        k++;
                        z = o.Z + k * h;
                    }
                    y = o.Y + j * h;
                }
            }
            Evaluate(buffer.AsSpan(0, n), values.Slice((int)start, n));
        }
    }

    /// <summary>Where NaN comes from in practice: a network whose training diverged or whose weights hold NaN.</summary>
    public static InvalidInputException NonFinite(double value, Vector3d point) =>
        new(FormattableString.Invariant($"the scalar field returned {value} at point {point}; marching cubes needs finite values (a network that outputs NaN has usually diverged in training or loaded broken weights)"));
}
