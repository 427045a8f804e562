using System.Collections.Concurrent;

namespace Nlset.Geometry.Meshing;

/// <summary>
/// Narrow-band marching cubes: the field is evaluated on a coarse grid (every CoarseBlock-th fine sample), and the
/// fine grid only inside the coarse cells ("blocks") the surface passes through.
/// </summary>
/// <remarks>
/// <para>Seeds are the blocks whose eight coarse corners bracket the iso value (some inside, some outside). Instead of
/// a fixed one-block dilation, the band follows the surface: once a block's fine samples are known, every one of its
/// six faces whose fine samples are not all on one side is crossed by the fine surface, so the block across that face
/// is refined too, until no face leads to a new block. Mesh pieces connect from cell to cell only through cut cell
/// faces, so every connected piece of the dense mesh that meets a seed is followed to the end: the sparse mesh is
/// exactly the union of those pieces, closed wherever the dense mesh is closed. Pieces that lie wholly between
/// coarse samples (a blob smaller than a block) are missed; a smaller CoarseBlock finds smaller ones.</para>
/// <para>Each fine sample is evaluated once: block corners come from the coarse grid and samples on faces shared
/// with blocks already evaluated are copied, so neighbouring blocks agree bit for bit even if the field's output
/// depended on how points were batched. Cells are then marched block by block with the same code and the same
/// global indices as dense mode, so vertices and triangles are identical to the dense ones.</para>
/// </remarks>
internal sealed class SparseExtraction
{
    // Listed: chosen for the next round, not yet planned. Queued: planned, waiting for its batch.
    const byte Untouched = 0, Listed = 1, Queued = 2, Evaluated = 3;

    readonly FieldSampler sampler;
    readonly SampleGrid grid;
    readonly double iso;
    readonly int block;
    readonly int blocksX, blocksY, blocksZ;
    readonly double[] coarse;
    readonly double[]?[] values;
    readonly byte[] state;

    // The batch being assembled: its points, the queued blocks, and for each queued block which batch slot fills
    // each of its samples (−1: already known).
    readonly Vector3d[] batch;
    int batchCount;
    readonly List<int> queued = [];
    readonly int[]?[] plans;

    SparseExtraction(FieldSampler sampler, SampleGrid grid, double iso, int block)
    {
        this.sampler = sampler;
        this.grid = grid;
        this.iso = iso;
        this.block = block;
        blocksX = (grid.CountX - 2) / block + 1;
        blocksY = (grid.CountY - 2) / block + 1;
        blocksZ = (grid.CountZ - 2) / block + 1;
        long coarseSamples = (long)(blocksX + 1) * (blocksY + 1) * (blocksZ + 1);
        if (coarseSamples > Array.MaxLength)
            throw new InvalidInputException($"a {blocksX + 1}×{blocksY + 1}×{blocksZ + 1} coarse grid is too large; use a larger coarse block");
        int total = blocksX * blocksY * blocksZ;
        coarse = new double[coarseSamples];
        values = new double[]?[total];
        plans = new int[]?[total];
        state = new byte[total];
        batch = new Vector3d[Math.Max(sampler.MaxBatch, (block + 1) * (block + 1) * (block + 1))];
    }

    public int TotalBlocks => values.Length;
    public int SeedBlocks { get; private set; }
    public int ActiveBlocks { get; private set; }
    public long CoarseEvaluations { get; private set; }

    public static (Mesh Mesh, SparseExtraction Run) Extract(FieldSampler sampler, SampleGrid grid, double iso, int block, int threads)
    {
        var run = new SparseExtraction(sampler, grid, iso, block);
        run.EvaluateCoarse();
        var round = run.Seeds();
        run.SeedBlocks = round.Count;
        var active = new List<int>();
        while (round.Count > 0)
        {
            foreach (int b in round) run.Enqueue(b);
            run.Flush();
            active.AddRange(round);
            round = run.Neighbours(round);
        }
        active.Sort();
        run.ActiveBlocks = active.Count;
        return (run.March(active, threads), run);
    }

    /// <summary>First fine sample of coarse sample index c along an axis with n fine samples.</summary>
    int Fine(int c, int n) => Math.Min(c * block, n - 1);

    int BlockIndex(int bx, int by, int bz) => bx + blocksX * (by + blocksY * bz);

    (int X, int Y, int Z) BlockCoordinates(int b) => (b % blocksX, b / blocksX % blocksY, b / blocksX / blocksY);

    /// <summary>Fine sample ranges [X0, X1] × [Y0, Y1] × [Z0, Z1] (inclusive) of a block.</summary>
    (int X0, int X1, int Y0, int Y1, int Z0, int Z1) Extent(int b)
    {
        var (bx, by, bz) = BlockCoordinates(b);
        return (Fine(bx, grid.CountX), Fine(bx + 1, grid.CountX), Fine(by, grid.CountY), Fine(by + 1, grid.CountY), Fine(bz, grid.CountZ), Fine(bz + 1, grid.CountZ));
    }

    void EvaluateCoarse()
    {
        int cx = blocksX + 1, cy = blocksY + 1;
        int n = 0, done = 0;
        for (int c = 0; c < coarse.Length; c++)
        {
            int i = c % cx, j = c / cx % cy, k = c / cx / cy;
            batch[n++] = grid.Point(Fine(i, grid.CountX), Fine(j, grid.CountY), Fine(k, grid.CountZ));
            if (n == batch.Length || c == coarse.Length - 1)
            {
                sampler.Evaluate(batch.AsSpan(0, n), coarse.AsSpan(done, n));
                done += n;
                n = 0;
            }
        }
        CoarseEvaluations = coarse.Length;
    }

    double Coarse(int i, int j, int k) => coarse[i + (blocksX + 1) * (j + (long)(blocksY + 1) * k)];

    List<int> Seeds()
    {
        var seeds = new List<int>();
        for (int bz = 0; bz < blocksZ; bz++)
            for (int by = 0; by < blocksY; by++)
                for (int bx = 0; bx < blocksX; bx++)
                {
                    int inside = 0;
                    for (int corner = 0; corner < 8; corner++)
                        if (Coarse(bx + (corner & 1), by + ((corner >> 1) & 1), bz + ((corner >> 2) & 1)) < iso) inside++;
                    if (inside is > 0 and < 8) seeds.Add(BlockIndex(bx, by, bz));
                }
        return seeds;
    }

    /// <summary>
    /// Plans a block's samples: coarse samples and samples already held by evaluated or earlier pending blocks are
    /// copied (or share the earlier block's batch slot); the rest get a slot in the batch. Flushes first when the
    /// block's new samples might not fit.
    /// </summary>
    void Enqueue(int b)
    {
        var (x0, x1, y0, y1, z0, z1) = Extent(b);
        int sx = x1 - x0 + 1, sy = y1 - y0 + 1, sz = z1 - z0 + 1;
        if (batchCount + sx * sy * sz > batch.Length) Flush();
        var own = new double[sx * sy * sz];
        var plan = new int[own.Length];
        var (bx, by, bz) = BlockCoordinates(b);
        for (int c = 0, s = 0; c < sz; c++)
            for (int r = 0; r < sy; r++)
                for (int a = 0; a < sx; a++, s++)
                {
                    int gx = x0 + a, gy = y0 + r, gz = z0 + c;
                    plan[s] = -1;
                    if ((a == 0 || a == sx - 1) && (r == 0 || r == sy - 1) && (c == 0 || c == sz - 1))
                    {
                        own[s] = Coarse(bx + (a == 0 ? 0 : 1), by + (r == 0 ? 0 : 1), bz + (c == 0 ? 0 : 1));
                        continue;
                    }
                    if (TryShared(gx, gy, gz, bx, by, bz, a == 0, a == sx - 1, r == 0, r == sy - 1, c == 0, c == sz - 1, out double value, out int slot))
                    {
                        if (slot >= 0) plan[s] = slot;
                        else own[s] = value;
                        continue;
                    }
                    batch[batchCount] = grid.Point(gx, gy, gz);
                    plan[s] = batchCount++;
                }
        values[b] = own;
        plans[b] = plan;
        state[b] = Queued;
        queued.Add(b);
    }

    /// <summary>Finds the sample in a neighbouring block that holds it: evaluated (value) or pending (batch slot).</summary>
    bool TryShared(int gx, int gy, int gz, int bx, int by, int bz, bool xLow, bool xHigh, bool yLow, bool yHigh, bool zLow, bool zHigh, out double value, out int slot)
    {
        value = 0;
        slot = -1;
        if (!(xLow || xHigh || yLow || yHigh || zLow || zHigh)) return false;
        for (int dz = zLow ? -1 : 0; dz <= (zHigh ? 1 : 0); dz++)
            for (int dy = yLow ? -1 : 0; dy <= (yHigh ? 1 : 0); dy++)
                for (int dx = xLow ? -1 : 0; dx <= (xHigh ? 1 : 0); dx++)
                {
                    int nx = bx + dx, ny = by + dy, nz = bz + dz;
                    if ((dx | dy | dz) == 0 || nx < 0 || ny < 0 || nz < 0 || nx >= blocksX || ny >= blocksY || nz >= blocksZ) continue;
                    int n = BlockIndex(nx, ny, nz);
                    if (state[n] != Evaluated && state[n] != Queued) continue;
                    var (x0, x1, y0, y1, z0, _) = Extent(n);
                    int local = (gx - x0) + (x1 - x0 + 1) * ((gy - y0) + (y1 - y0 + 1) * (gz - z0));
                    if (state[n] == Queued && plans[n]![local] >= 0) slot = plans[n]![local];
                    else value = values[n]![local];
                    return true;
                }
        return false;
    }

    /// <summary>Evaluates the batch and fills the queued blocks from it.</summary>
    void Flush()
    {
        var results = new double[batchCount];
        sampler.Evaluate(batch.AsSpan(0, batchCount), results);
        foreach (int b in queued)
        {
            var own = values[b]!;
            var plan = plans[b]!;
            for (int s = 0; s < plan.Length; s++)
                if (plan[s] >= 0) own[s] = results[plan[s]];
            plans[b] = null;
            state[b] = Evaluated;
        }
        queued.Clear();
        batchCount = 0;
    }

    /// <summary>Blocks across a face of this round's blocks that the fine surface crosses, not yet refined.</summary>
    List<int> Neighbours(List<int> round)
    {
        var next = new List<int>();
        foreach (int b in round)
        {
            var (bx, by, bz) = BlockCoordinates(b);
            var own = values[b]!;
            var (x0, x1, y0, y1, z0, z1) = Extent(b);
            int sx = x1 - x0 + 1, sy = y1 - y0 + 1, sz = z1 - z0 + 1;
            for (int face = 0; face < 6; face++)
            {
                int axis = face / 2, side = face % 2;
                int nx = bx + (axis == 0 ? 2 * side - 1 : 0), ny = by + (axis == 1 ? 2 * side - 1 : 0), nz = bz + (axis == 2 ? 2 * side - 1 : 0);
                if (nx < 0 || ny < 0 || nz < 0 || nx >= blocksX || ny >= blocksY || nz >= blocksZ) continue;
                int n = BlockIndex(nx, ny, nz);
                if (state[n] != Untouched) continue;
                if (FaceIsCut(own, sx, sy, sz, axis, side))
                {
                    state[n] = Listed;
                    next.Add(n);
                }
            }
        }
        next.Sort();
        return next;
    }

    bool FaceIsCut(double[] own, int sx, int sy, int sz, int axis, int side)
    {
        int nu = axis == 0 ? sy : sx, nv = axis == 2 ? sy : sz;
        bool? first = null;
        for (int v = 0; v < nv; v++)
            for (int u = 0; u < nu; u++)
            {
                int a, r, c;
                switch (axis)
                {
                    case 0: a = side * (sx - 1); r = u; c = v; break;
                    case 1: a = u; r = side * (sy - 1); c = v; break;
                    default: a = u; r = v; c = side * (sz - 1); break;
                }
                bool inside = own[a + sx * (r + sy * c)] < iso;
                if (first == null) first = inside;
                else if (inside != first) return true;
            }
        return false;
    }

    Mesh March(List<int> active, int threads)
    {
        var parts = new MeshPart[active.Count];
        var marchers = new ConcurrentBag<CellLayerMarcher>();
        int capacity = (block + 1) * (block + 1);
        Parallel.For(0, active.Count, new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => marchers.TryTake(out var m) ? m : new CellLayerMarcher(grid, iso, capacity),
            (index, _, marcher) =>
            {
                int b = active[index];
                var (bx, by, bz) = BlockCoordinates(b);
                var (x0, x1, y0, y1, z0, z1) = Extent(b);
                int shares = (bx > 0 ? CellLayerMarcher.SharesXMin : 0) | (bx < blocksX - 1 ? CellLayerMarcher.SharesXMax : 0)
                           | (by > 0 ? CellLayerMarcher.SharesYMin : 0) | (by < blocksY - 1 ? CellLayerMarcher.SharesYMax : 0)
                           | (bz > 0 ? CellLayerMarcher.SharesZMin : 0) | (bz < blocksZ - 1 ? CellLayerMarcher.SharesZMax : 0);
                var part = new MeshPart();
                marcher.March(values[b], x1 - x0 + 1, y1 - y0 + 1, x0, y0, z0, z1, shares, part);
                parts[index] = part;
                return marcher;
            },
            marchers.Add);
        var assembler = new MeshAssembler(onlyLastPartShares: false);
        foreach (var part in parts) assembler.Append(part);
        return assembler.ToMesh();
    }
}
