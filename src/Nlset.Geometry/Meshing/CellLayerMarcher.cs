namespace Nlset.Geometry.Meshing;

/// <summary>
/// Marches the cells of a box-shaped window of the grid layer by layer, holding only two z-slices of edge
/// vertices at a time, so each cut grid edge gets exactly one vertex. Dense mode marches whole-slice bands with
/// it; sparse mode marches one coarse block at a time. Both therefore place every vertex and triangle with the
/// same arithmetic from the same global sample indices, which is what makes their meshes identical.
/// </summary>
/// <remarks>
/// A vertex lies on a cut edge at the linear-interpolation point t = (iso − f₀)/(f₁ − f₀). Values equal to the iso
/// value count as outside, so t reaches 0 or 1 only at an outside endpoint whose value is exactly the iso value
/// (or within rounding of it). Such vertices sit on the grid vertex itself and are reported as ties: several cut
/// edges can meet there, and <see cref="GridVertexWelding"/> merges them afterwards where that keeps the mesh manifold.
/// </remarks>
internal sealed class CellLayerMarcher
{
    internal const int SharesXMin = 1, SharesXMax = 2, SharesYMin = 4, SharesYMax = 8, SharesZMin = 16, SharesZMax = 32;
    const int KindX = 0, KindY = 1, KindZ = 2;
    /// <summary>Row state: all samples of the row outside (0), all inside (1), or both.</summary>
    const byte MixedRow = 2;

    /// <summary>Moves the four bits of a column code (dy + 2·dz) to the case-index bits of corners with dx = 0.</summary>
    static readonly int[] Spread = BuildSpread();

    readonly SampleGrid grid;
    readonly double iso;
    readonly int capacity;
    SliceVertices low, high;
    readonly int[] zEdges;
    readonly List<int> zTouched = [];

    int wx, wy, gx0, gy0, zFirst, zLast, sharedFaces;
    MeshPart part = null!;

    /// <param name="capacity">Largest window slice (samples along x times samples along y) this marcher will see.</param>
    public CellLayerMarcher(SampleGrid grid, double iso, int capacity)
    {
        this.grid = grid;
        this.iso = iso;
        this.capacity = capacity;
        low = new SliceVertices(capacity);
        high = new SliceVertices(capacity);
        zEdges = new int[capacity];
        Array.Fill(zEdges, -1);
    }

    static int[] BuildSpread()
    {
        var spread = new int[16];
        for (int code = 0; code < 16; code++)
            for (int bit = 0; bit < 4; bit++)
                if (((code >> bit) & 1) != 0)
                    spread[code] |= 1 << (2 * bit); // corner (0, dy, dz) has case bit 2·dy + 4·dz
        return spread;
    }

    /// <summary>
    /// Marches the cells of the window whose lowest sample is (<paramref name="originX"/>, <paramref name="originY"/>,
    /// <paramref name="firstSlice"/>), spanning <paramref name="width"/> × <paramref name="height"/> samples in x, y and
    /// slices <paramref name="firstSlice"/>..<paramref name="lastSlice"/> in z. <paramref name="values"/> holds those
    /// slices one after another, each x fastest. Vertices on the window faces named by <paramref name="shares"/>
    /// (Shares* flags) are listed in <see cref="MeshPart.Shared"/>.
    /// </summary>
    public void March(ReadOnlySpan<double> values, int width, int height, int originX, int originY, int firstSlice, int lastSlice, int shares, MeshPart output)
    {
        int slice = width * height;
        if (slice > capacity) throw new ArgumentException($"window slice of {slice} samples exceeds the marcher's {capacity}");
        if (values.Length < (long)slice * (lastSlice - firstSlice + 1)) throw new ArgumentException("values do not cover the window");
        wx = width;
        wy = height;
        gx0 = originX;
        gy0 = originY;
        zFirst = firstSlice;
        zLast = lastSlice;
        sharedFaces = shares;
        part = output;

        low.ComputeSides(values[..slice], wx, iso);
        for (int k = firstSlice; k < lastSlice; k++)
        {
            int offset = (k - firstSlice) * slice;
            var lowValues = values.Slice(offset, slice);
            var highValues = values.Slice(offset + slice, slice);
            high.ComputeSides(highValues, wx, iso);
            MarchLayer(lowValues, highValues, k);
            low.Reset();
            ResetZEdges();
            (low, high) = (high, low);
        }
        low.Reset();
        part = null!;
    }

    void MarchLayer(ReadOnlySpan<double> lowValues, ReadOnlySpan<double> highValues, int k)
    {
        var lowSides = low.Inside;
        var highSides = high.Inside;
        var lowRows = low.Rows;
        var highRows = high.Rows;
        var offsets = CubeCaseTable.Offsets;
        for (int j = 0; j < wy - 1; j++)
        {
            // Most rows of cells lie wholly inside or outside: their four sample rows are uniform and alike.
            int state = lowRows[j];
            if (state != MixedRow && lowRows[j + 1] == state && highRows[j] == state && highRows[j + 1] == state) continue;
            int r0 = j * wx, r1 = r0 + wx;
            int previous = lowSides[r0] | lowSides[r1] << 1 | highSides[r0] << 2 | highSides[r1] << 3;
            for (int i = 0; i < wx - 1; i++)
            {
                int a = r0 + i + 1, b = r1 + i + 1;
                int column = lowSides[a] | lowSides[b] << 1 | highSides[a] << 2 | highSides[b] << 3;
                int cube = Spread[previous] | Spread[column] << 1;
                previous = column;
                if (cube == 0 || cube == 255) continue;
                for (int t = offsets[cube]; t < offsets[cube + 1]; t += 3)
                {
                    int v0 = EdgeVertex(CubeCaseTable.Edges[t], i, j, k, lowValues, highValues);
                    int v1 = EdgeVertex(CubeCaseTable.Edges[t + 1], i, j, k, lowValues, highValues);
                    int v2 = EdgeVertex(CubeCaseTable.Edges[t + 2], i, j, k, lowValues, highValues);
                    part.Triangles.Add(v0);
                    part.Triangles.Add(v1);
                    part.Triangles.Add(v2);
                }
            }
        }
    }

    int EdgeVertex(int edge, int i, int j, int k, ReadOnlySpan<double> lowValues, ReadOnlySpan<double> highValues) => edge switch
    {
        0 => AlongX(low, lowValues, i, j, k),
        1 => AlongX(low, lowValues, i, j + 1, k),
        2 => AlongX(high, highValues, i, j, k + 1),
        3 => AlongX(high, highValues, i, j + 1, k + 1),
        4 => AlongY(low, lowValues, i, j, k),
        5 => AlongY(low, lowValues, i + 1, j, k),
        6 => AlongY(high, highValues, i, j, k + 1),
        7 => AlongY(high, highValues, i + 1, j, k + 1),
        8 => AlongZ(lowValues, highValues, i, j, k),
        9 => AlongZ(lowValues, highValues, i + 1, j, k),
        10 => AlongZ(lowValues, highValues, i, j + 1, k),
        _ => AlongZ(lowValues, highValues, i + 1, j + 1, k),
    };

    int AlongX(SliceVertices s, ReadOnlySpan<double> values, int i, int j, int k)
    {
        int slot = i + j * wx;
        int id = s.X[slot];
        if (id >= 0) return id;
        id = Crossing(KindX, values[slot], values[slot + 1], i, j, k);
        s.X[slot] = id;
        s.Touched.Add(slot);
        return id;
    }

    int AlongY(SliceVertices s, ReadOnlySpan<double> values, int i, int j, int k)
    {
        int slot = i + j * wx;
        int id = s.Y[slot];
        if (id >= 0) return id;
        id = Crossing(KindY, values[slot], values[slot + wx], i, j, k);
        s.Y[slot] = id;
        s.Touched.Add(slot);
        return id;
    }

    int AlongZ(ReadOnlySpan<double> lowValues, ReadOnlySpan<double> highValues, int i, int j, int k)
    {
        int slot = i + j * wx;
        int id = zEdges[slot];
        if (id >= 0) return id;
        id = Crossing(KindZ, lowValues[slot], highValues[slot], i, j, k);
        zEdges[slot] = id;
        zTouched.Add(slot);
        return id;
    }

    /// <summary>The vertex on the cut edge of <paramref name="kind"/> from local sample (i, j) of slice k, with values f₀, f₁ at its ends.</summary>
    int Crossing(int kind, double f0, double f1, int i, int j, int k)
    {
        double t = Math.Clamp((iso - f0) / (f1 - f0), 0, 1);
        double x = gx0 + i, y = gy0 + j, z = k;
        if (kind == KindX) x += t;
        else if (kind == KindY) y += t;
        else z += t;
        var o = grid.Origin;
        double h = grid.Spacing;
        part.Vertices.Add(new Vector3d(o.X + x * h, o.Y + y * h, o.Z + z * h));
        int id = part.Vertices.Count - 1;
        if (IsShared(kind, i, j, k)) part.Shared.Add((SampleIndex(i, j, k) * 3 + kind, id));
        if (t == 0) part.Ties.Add((SampleIndex(i, j, k), id));
        else if (t == 1) part.Ties.Add((SampleIndex(kind == KindX ? i + 1 : i, kind == KindY ? j + 1 : j, kind == KindZ ? k + 1 : k), id));
        return id;
    }

    long SampleIndex(int i, int j, int k) => (gx0 + i) + (long)grid.CountX * ((gy0 + j) + (long)grid.CountY * k);

    /// <summary>Whether the edge of <paramref name="kind"/> starting at local sample (i, j) of slice k lies on a window
    /// face shared with another part. An edge never lies on a face across its own axis.</summary>
    bool IsShared(int kind, int i, int j, int k) =>
        (kind != KindX && ((i == 0 && (sharedFaces & SharesXMin) != 0) || (i == wx - 1 && (sharedFaces & SharesXMax) != 0)))
        || (kind != KindY && ((j == 0 && (sharedFaces & SharesYMin) != 0) || (j == wy - 1 && (sharedFaces & SharesYMax) != 0)))
        || (kind != KindZ && ((k == zFirst && (sharedFaces & SharesZMin) != 0) || (k == zLast && (sharedFaces & SharesZMax) != 0)));

    void ResetZEdges()
    {
        foreach (int slot in zTouched) zEdges[slot] = -1;
        zTouched.Clear();
    }

    /// <summary>Which samples of one slice are inside, and the vertices already made on its x and y edges.</summary>
    sealed class SliceVertices
    {
        public SliceVertices(int capacity)
        {
            Inside = new byte[capacity];
            Rows = new byte[capacity];
            X = new int[capacity];
            Y = new int[capacity];
            Array.Fill(X, -1);
            Array.Fill(Y, -1);
        }

        public byte[] Inside { get; }
        /// <summary>Per row of the window: 0 all outside, 1 all inside, <see cref="MixedRow"/> both.</summary>
        public byte[] Rows { get; }
        public int[] X { get; }
        public int[] Y { get; }
        public List<int> Touched { get; } = [];

        public void ComputeSides(ReadOnlySpan<double> values, int width, double iso)
        {
            var inside = Inside;
            for (int r = 0, s = 0; s < values.Length; r++)
            {
                int count = 0;
                for (int end = s + width; s < end; s++)
                {
                    int side = values[s] < iso ? 1 : 0;
                    inside[s] = (byte)side;
                    count += side;
                }
                Rows[r] = count == 0 ? (byte)0 : count == width ? (byte)1 : MixedRow;
            }
        }

        public void Reset()
        {
            foreach (int slot in Touched) X[slot] = Y[slot] = -1;
            Touched.Clear();
        }
    }
}
