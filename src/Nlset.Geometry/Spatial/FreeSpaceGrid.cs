namespace Nlset.Geometry.Spatial;

/// <summary>
/// Space carving from a bare point cloud: the cells of a grid over a cube that are certainly outside the sampled shape,
/// because from them one can look to the cube's border along at least <see cref="MinDirections"/> of the six axis
/// directions without passing a cell that holds data (the data cells dilated by one, so that the gaps between
/// neighbouring samples do not let a line of sight through).
/// <para>Why: the distance loss of Eq. 13 is sign-agnostic, so a region that starts inside the initial sphere stays inside
/// unless the zero level set sweeps over it. Between a camel's legs the level set can close into a thin web with the data
/// on its rim only: its samples' nearest data lie in the web's own plane, the sample network moves them along the normal,
/// and no term of Eq. 13 pulls. Knowing that such a place is outside lets a hinge on F tear the web (measured in
/// docs/reconstruction.md).</para>
/// <para>Two directions rather than one: a scan with a large hole (an open base, say) lets one see into the inside along
/// one direction; seeing out along two different ones through holes is much rarer, and places in a concavity that see out
/// along only one direction are merely left unconstrained.</para>
/// </summary>
public sealed class FreeSpaceGrid
{
    readonly bool[] _outside;

    FreeSpaceGrid(bool[] outside, int resolution, double halfSize, int minDirections)
    {
        _outside = outside;
        Resolution = resolution;
        HalfSize = halfSize;
        CellSize = 2 * halfSize / resolution;
        MinDirections = minDirections;
        OutsideCount = outside.Count(o => o);
    }

    /// <summary>Cells along each side of the cube [−HalfSize, HalfSize]³.</summary>
    public int Resolution { get; }
    public double HalfSize { get; }
    public double CellSize { get; }
    public int MinDirections { get; }
    public int OutsideCount { get; }
    public double OutsideFraction => (double)OutsideCount / _outside.Length;

    /// <summary>Outside flags in x-fastest order: index (k·R + j)·R + i for cell (i, j, k).</summary>
    public ReadOnlySpan<bool> OutsideCells => _outside;

    /// <param name="cloud">Points, in the same coordinates as the cube (points outside it are ignored).</param>
    /// <param name="halfSize">The cube [−halfSize, halfSize]³.</param>
    /// <param name="resolution">Cells per side; choose the cell larger than the gaps between neighbouring samples
    /// (see <see cref="ResolutionFor"/>), or lines of sight pass between them.</param>
    /// <param name="minDirections">Axis directions (1–6) along which a cell must see the border to count as outside.</param>
    public static FreeSpaceGrid Build(IReadOnlyList<Vector3d> cloud, double halfSize, int resolution, int minDirections = 2)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        if (!(halfSize > 0)) throw new ArgumentOutOfRangeException(nameof(halfSize), halfSize, "must be positive");
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(resolution, 1024);
        if (minDirections is < 1 or > 6) throw new ArgumentOutOfRangeException(nameof(minDirections), minDirections, "must be 1..6");
        int n = resolution;
        var occupied = new bool[n * n * n];
        double h = 2 * halfSize / n;
        foreach (var p in cloud)
        {
            int i = (int)Math.Floor((p.X + halfSize) / h), j = (int)Math.Floor((p.Y + halfSize) / h), k = (int)Math.Floor((p.Z + halfSize) / h);
            if ((uint)i >= n || (uint)j >= n || (uint)k >= n) continue;
            occupied[(k * n + j) * n + i] = true;
        }
        occupied = Dilate(occupied, n);

        var seen = new byte[n * n * n];
        // Along each axis, both ways: a cell sees the border while no occupied cell has been passed.
        for (int axis = 0; axis < 3; axis++)
            for (int a = 0; a < n; a++)
                for (int b = 0; b < n; b++)
                {
                    for (int t = 0, blocked = 0; t < n && blocked == 0; t++)
                    {
                        int index = Index(axis, a, b, t, n);
                        if (occupied[index]) blocked = 1; else seen[index]++;
                    }
                    for (int t = n - 1, blocked = 0; t >= 0 && blocked == 0; t--)
                    {
                        int index = Index(axis, a, b, t, n);
                        if (occupied[index]) blocked = 1; else seen[index]++;
                    }
                }
        var outside = new bool[n * n * n];
        for (int c = 0; c < outside.Length; c++) outside[c] = seen[c] >= minDirections;
        return new FreeSpaceGrid(outside, n, halfSize, minDirections);
    }

    /// <summary>
    /// Cells per side for a cloud whose median nearest-neighbour spacing is <paramref name="spacing"/>: cells three
    /// spacings wide (with the one-cell dilation, a line of sight must pass a gap of nine spacings), between 16 and 128.
    /// </summary>
    public static int ResolutionFor(double spacing, double halfSize) =>
        Math.Clamp((int)Math.Floor(2 * halfSize / (3 * spacing)), 16, 128);

    /// <summary>Whether the point lies in a cell that is certainly outside (false outside the cube's grid too: there it is unknown).</summary>
    public bool IsOutside(Vector3d p)
    {
        int i = (int)Math.Floor((p.X + HalfSize) / CellSize), j = (int)Math.Floor((p.Y + HalfSize) / CellSize), k = (int)Math.Floor((p.Z + HalfSize) / CellSize);
        int n = Resolution;
        if ((uint)i >= n || (uint)j >= n || (uint)k >= n) return false;
        return _outside[(k * n + j) * n + i];
    }

    static int Index(int axis, int a, int b, int t, int n) => axis switch
    {
        0 => (b * n + a) * n + t,      // along x: (t, a, b)
        1 => (b * n + t) * n + a,      // along y: (a, t, b)
        _ => (t * n + b) * n + a,      // along z: (a, b, t)
    };

    static bool[] Dilate(bool[] occupied, int n)
    {
        var result = new bool[occupied.Length];
        for (int k = 0; k < n; k++)
            for (int j = 0; j < n; j++)
                for (int i = 0; i < n; i++)
                {
                    if (!occupied[(k * n + j) * n + i]) continue;
                    for (int dk = Math.Max(k - 1, 0); dk <= Math.Min(k + 1, n - 1); dk++)
                        for (int dj = Math.Max(j - 1, 0); dj <= Math.Min(j + 1, n - 1); dj++)
                            for (int di = Math.Max(i - 1, 0); di <= Math.Min(i + 1, n - 1); di++)
                                result[(dk * n + dj) * n + di] = true;
                }
        return result;
    }
}
