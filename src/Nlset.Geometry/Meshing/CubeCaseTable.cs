namespace Nlset.Geometry.Meshing;

/// <summary>
/// The marching-cubes case table: for each of the 256 inside/outside patterns of a cell's eight corners,
/// the triangles (as triples of cell-edge numbers) that separate the inside corners from the outside ones.
/// </summary>
/// <remarks>
/// <para>The table is derived, not typed in, so that its two guarantees follow from how it is built:</para>
/// <para><b>Consistent faces.</b> The surface's trace on each cell face is decided from that face's four corners
/// alone. A face with two cut edges gets the one segment between them. An ambiguous face (four cut edges, inside
/// corners diagonally opposite) always gets two segments that cut off the two <i>inside</i> corners, so the
/// outside region is connected across it. The table therefore has no complementary-case symmetry: case c and
/// case 255−c are not mirror images on ambiguous faces. Two cells sharing a face see the same four corners, hence
/// draw the same segments on it, and the surface has no cracks (the classic table's holes come from using
/// complementary symmetry, which separates inside corners in one cell and outside corners in its neighbour).</para>
/// <para><b>Closed, manifold pieces.</b> Every cut edge lies on two faces and is an end of exactly one segment on
/// each, so the segments of a cell form disjoint closed loops. Each loop is triangulated as a polygon without new
/// vertices: its boundary edges are face segments, each also used by exactly one polygon of the neighbouring cell,
/// and its diagonals are used by exactly two triangles of the same loop. A diagonal between two vertices on one
/// face (possible only on an ambiguous face crossed twice by one loop) could be chosen by both cells sharing that
/// face and then belong to four triangles; the triangulation never uses such a diagonal. So every mesh edge inside
/// the grid is in exactly two triangles, and a closed level set that misses the grid's vertices gives a closed,
/// manifold mesh.</para>
/// <para>Triangles are oriented so that their normal points from the inside (value &lt; iso) to the outside,
/// along +∇F: each face segment is directed so that the inside corner lies on its right seen from outside the
/// cell, which makes every loop counter-clockwise seen from the outside region.</para>
/// <para>Numbering. Corner c is at offset (c &amp; 1, (c &gt;&gt; 1) &amp; 1, (c &gt;&gt; 2) &amp; 1); bit c of the case index
/// is set when corner c is inside. Edges 0–3 run along x at (y, z) = (0,0), (1,0), (0,1), (1,1); edges 4–7 along
/// y at (x, z) = (0,0), (1,0), (0,1), (1,1); edges 8–11 along z at (x, y) = (0,0), (1,0), (0,1), (1,1).</para>
/// </remarks>
internal static class CubeCaseTable
{
    /// <summary>The two corners of each edge, lower corner first.</summary>
    public static readonly (int A, int B)[] EdgeCorners =
    [
        (0, 1), (2, 3), (4, 5), (6, 7),
        (0, 2), (1, 3), (4, 6), (5, 7),
        (0, 4), (1, 5), (2, 6), (3, 7),
    ];

    /// <summary>Triangles of case c: edge numbers <c>Edges[Offsets[c] .. Offsets[c + 1])</c>, three per triangle.</summary>
    public static readonly int[] Offsets;
    public static readonly byte[] Edges;

    static CubeCaseTable()
    {
        Offsets = new int[257];
        var edges = new List<byte>();
        for (int c = 0; c < 256; c++)
        {
            Offsets[c] = edges.Count;
            foreach (var loop in Loops(c))
                foreach (var (a, b, d) in Triangulate(loop))
                {
                    edges.Add((byte)a);
                    edges.Add((byte)b);
                    edges.Add((byte)d);
                }
        }
        Offsets[256] = edges.Count;
        Edges = [.. edges];
    }

    public static Vector3d CornerOffset(int corner) => new(corner & 1, (corner >> 1) & 1, (corner >> 2) & 1);

    static Vector3d EdgeMidpoint(int edge) => (CornerOffset(EdgeCorners[edge].A) + CornerOffset(EdgeCorners[edge].B)) * 0.5;

    /// <summary>Corners of the face of <paramref name="axis"/> at <paramref name="side"/>, in cyclic order.</summary>
    static int[] FaceCorners(int axis, int side)
    {
        int u = (axis + 1) % 3, v = (axis + 2) % 3;
        int Corner(int du, int dv) => (side << axis) | (du << u) | (dv << v);
        return [Corner(0, 0), Corner(1, 0), Corner(1, 1), Corner(0, 1)];
    }

    static int EdgeBetween(int cornerA, int cornerB)
    {
        for (int e = 0; e < 12; e++)
            if ((EdgeCorners[e].A == cornerA && EdgeCorners[e].B == cornerB) || (EdgeCorners[e].A == cornerB && EdgeCorners[e].B == cornerA))
                return e;
        throw new InvalidOperationException($"corners {cornerA} and {cornerB} are not joined by a cell edge");
    }

    /// <summary>The directed segments the surface traces on one face, decided from this face's corners alone (see remarks).</summary>
    static List<(int From, int To)> FaceSegments(int caseIndex, int axis, int side)
    {
        var corners = FaceCorners(axis, side);
        bool Inside(int corner) => ((caseIndex >> corner) & 1) != 0;
        var outward = new Vector3d(axis == 0 ? 2 * side - 1 : 0, axis == 1 ? 2 * side - 1 : 0, axis == 2 ? 2 * side - 1 : 0);
        var segments = new List<(int, int)>();
        var cut = new List<int>();
        for (int k = 0; k < 4; k++)
            if (Inside(corners[k]) != Inside(corners[(k + 1) % 4]))
                cut.Add(EdgeBetween(corners[k], corners[(k + 1) % 4]));

        if (cut.Count == 2)
        {
            var inside = corners.First(Inside);
            segments.Add(Directed(cut[0], cut[1], inside, outward));
        }
        else if (cut.Count == 4)
        {
            // Ambiguous face: one segment around each inside corner, joining that corner's two face edges.
            for (int k = 0; k < 4; k++)
            {
                if (!Inside(corners[k])) continue;
                int before = EdgeBetween(corners[(k + 3) % 4], corners[k]);
                int after = EdgeBetween(corners[k], corners[(k + 1) % 4]);
                segments.Add(Directed(before, after, corners[k], outward));
            }
        }
        return segments;
    }

    /// <summary>Directs the segment so that the inside corner is on its right seen from outside the cell.</summary>
    static (int From, int To) Directed(int edgeP, int edgeQ, int insideCorner, Vector3d outward)
    {
        var p = EdgeMidpoint(edgeP);
        var q = EdgeMidpoint(edgeQ);
        double side = Vector3d.Dot(Vector3d.Cross(q - p, CornerOffset(insideCorner) - p), outward);
        return side < 0 ? (edgeP, edgeQ) : (edgeQ, edgeP);
    }

    /// <summary>The closed loops of cut edges that the face segments of a case form.</summary>
    static List<List<int>> Loops(int caseIndex)
    {
        var next = new int[12];
        var incoming = new int[12];
        Array.Fill(next, -1);
        for (int axis = 0; axis < 3; axis++)
            for (int side = 0; side < 2; side++)
                foreach (var (from, to) in FaceSegments(caseIndex, axis, side))
                {
                    if (next[from] != -1) throw new InvalidOperationException($"case {caseIndex}: edge {from} starts two segments");
                    next[from] = to;
                    incoming[to]++;
                }
        var loops = new List<List<int>>();
        var visited = new bool[12];
        for (int start = 0; start < 12; start++)
        {
            if (next[start] == -1 || visited[start]) continue;
            var loop = new List<int>();
            for (int e = start; !visited[e]; e = next[e])
            {
                if (incoming[e] != 1 || next[e] == -1) throw new InvalidOperationException($"case {caseIndex}: edge {e} does not close a loop");
                visited[e] = true;
                loop.Add(e);
            }
            loops.Add(loop);
        }
        return loops;
    }

    static bool ShareFace(int edgeA, int edgeB)
    {
        var (a0, a1) = EdgeCorners[edgeA];
        var (b0, b1) = EdgeCorners[edgeB];
        // Four corners lie on one face when some coordinate is equal for all of them.
        for (int axis = 0; axis < 3; axis++)
        {
            int bit = 1 << axis;
            int x = a0 & bit;
            if ((a1 & bit) == x && (b0 & bit) == x && (b1 & bit) == x) return true;
        }
        return false;
    }

    /// <summary>
    /// Triangulates one loop as a polygon by dynamic programming, minimising the total length of the diagonals
    /// (between edge midpoints, which keeps triangles compact) and never using a diagonal between two edges of one
    /// face (see remarks). Triangles keep the loop's orientation.
    /// </summary>
    static List<(int, int, int)> Triangulate(List<int> loop)
    {
        int n = loop.Count;
        var cost = new double[n, n];
        var split = new int[n, n];
        double Chord(int i, int j)
        {
            if (j - i == 1 || (i == 0 && j == n - 1)) return 0;
            if (ShareFace(loop[i], loop[j])) return double.PositiveInfinity;
            return (EdgeMidpoint(loop[i]) - EdgeMidpoint(loop[j])).Length;
        }
        for (int gap = 2; gap < n; gap++)
            for (int i = 0; i + gap < n; i++)
            {
                int j = i + gap;
                cost[i, j] = double.PositiveInfinity;
                double chord = Chord(i, j);
                if (double.IsPositiveInfinity(chord)) continue;
                for (int k = i + 1; k < j; k++)
                {
                    double c = cost[i, k] + cost[k, j] + chord;
                    if (c < cost[i, j])
                    {
                        cost[i, j] = c;
                        split[i, j] = k;
                    }
                }
            }
        if (double.IsPositiveInfinity(cost[0, n - 1]))
            throw new InvalidOperationException($"loop [{string.Join(' ', loop)}] has no triangulation without a same-face diagonal");
        var triangles = new List<(int, int, int)>();
        void Emit(int i, int j)
        {
            if (j - i < 2) return;
            int k = split[i, j];
            triangles.Add((loop[i], loop[k], loop[j]));
            Emit(i, k);
            Emit(k, j);
        }
        Emit(0, n - 1);
        return triangles;
    }
}
