namespace Nlset.Geometry.Spatial;

/// <summary>
/// Space carving from a bare point cloud: the cells of a grid over a cube that are certainly outside the sampled shape,
/// because from them one can look to the cube's border along two of the 26 grid directions (the axes, the face and the
/// body diagonals) at least 90° apart without passing a cell that holds data (the data cells dilated by one, so that
/// the gaps between neighbouring samples do not let a line of sight through).
/// <para>Why: the distance loss of Eq. 13 is sign-agnostic, so a region that starts inside the initial sphere stays inside
/// unless the zero level set sweeps over it. Between a camel's legs the level set can close into a thin web with the data
/// on its rim only: its samples' nearest data lie in the web's own plane, the sample network moves them along the normal,
/// and no term of Eq. 13 pulls. Knowing that such a place is outside lets a hinge on F tear the web (measured in
/// docs/reconstruction.md).</para>
/// <para>Two directions at least 90° apart rather than one: a scan with a large hole (an open base, say) lets one see
/// into the inside along one direction; seeing out along two so different ones through a hole needs a place within
/// about the hole's radius of it, and places in a concavity that see out along only one direction are merely left
/// unconstrained.</para>
/// <para>Diagonals as well as axes: with the six axis directions alone the core of a knot, surrounded by strands along
/// every axis but open between them, stayed unconstrained; its sign was left to Eq. 13, which on the noisy knot with
/// seed 0 closed part of it against a strand and cut the strand there (docs/reconstruction.md). Any two distinct axis
/// directions are 90° or more apart, so every cell the axes alone marked is still marked.</para>
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
    /// <param name="minDirections">1: a cell that sees the border along any grid direction is outside; 2: it must see it
    /// along two directions at least 90° apart.</param>
    public static FreeSpaceGrid Build(IReadOnlyList<Vector3d> cloud, double halfSize, int resolution, int minDirections = 2)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        if (!(halfSize > 0)) throw new ArgumentOutOfRangeException(nameof(halfSize), halfSize, "must be positive");
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(resolution, 1024);
        if (minDirections is < 1 or > 2) throw new ArgumentOutOfRangeException(nameof(minDirections), minDirections, "must be 1 or 2");
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

        // Per cell, the set of the 26 grid directions (axes, face and body diagonals) along which it sees the border
        // while passing no occupied cell: clear_d(c) = free(c) ∧ clear_d(c + d), swept so that c + d comes first.
        var clear = new uint[n * n * n];
        for (int d = 0; d < Directions.Length; d++)
        {
            var (dx, dy, dz) = Directions[d];
            uint bit = 1u << d;
            for (int kk = 0; kk < n; kk++)
            {
                int k = dz > 0 ? n - 1 - kk : kk;
                for (int jj = 0; jj < n; jj++)
                {
                    int j = dy > 0 ? n - 1 - jj : jj;
                    for (int ii = 0; ii < n; ii++)
                    {
                        int i = dx > 0 ? n - 1 - ii : ii;
                        int c = (k * n + j) * n + i;
                        if (occupied[c]) continue;
                        int ni = i + dx, nj = j + dy, nk = k + dz;
                        bool border = (uint)ni >= n || (uint)nj >= n || (uint)nk >= n;
                        if (border || (clear[(nk * n + nj) * n + ni] & bit) != 0) clear[c] |= bit;
                    }
                }
            }
        }
        var outside = new bool[n * n * n];
        for (int c = 0; c < outside.Length; c++) outside[c] = SeesOut(clear[c], minDirections);
        return new FreeSpaceGrid(outside, n, halfSize, minDirections);
    }

    /// <summary>The 26 directions from a cell to its neighbours.</summary>
    static readonly (int X, int Y, int Z)[] Directions =
        [.. from z in new[] { -1, 0, 1 } from y in new[] { -1, 0, 1 } from x in new[] { -1, 0, 1 } where (x, y, z) != (0, 0, 0) select (x, y, z)];

    /// <summary>For each direction, the directions at least 90° from it (dot product ≤ 0), as a bit mask.</summary>
    static readonly uint[] Apart = [.. Directions.Select(a => Directions.Select((b, i) => a.X * b.X + a.Y * b.Y + a.Z * b.Z <= 0 ? 1u << i : 0u).Aggregate(0u, (m, x) => m | x))];

    static bool SeesOut(uint clear, int minDirections)
    {
        if (clear == 0) return false;
        if (minDirections == 1) return true;
        for (int d = 0; d < Directions.Length; d++)
            if ((clear & (1u << d)) != 0 && (clear & Apart[d]) != 0) return true;
        return false;
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
