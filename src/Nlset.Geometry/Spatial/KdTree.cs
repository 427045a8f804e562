using System.Runtime.CompilerServices;

namespace Nlset.Geometry.Spatial;

/// <summary>
/// A static k-d tree over points in R^3 answering exact nearest- and k-nearest-neighbour queries
/// under the Euclidean (L2) or Manhattan (L1) norm; the tree does not depend on the norm, each
/// query picks one.
/// <para>
/// Layout: an implicit balanced tree in flat arrays, no per-node objects. Node i has children
/// 2i+1 and 2i+2; every internal node splits its points at the median of its widest axis, so the
/// point ranges are implied by the heap index and only a split value and an axis are stored. Points
/// are reordered into one contiguous coordinate array so that a leaf bucket is a short linear scan.
/// The arrays live on the pinned object heap, which lets the search use raw pointers without
/// per-query pinning.
/// </para>
/// <para>
/// Search: depth first, nearer child first; a far child is entered only if its distance lower
/// bound is below the current k-th best. For one nearest point the bound is the distance to the
/// tight box of the child's points (kept per node); for k nearest (queries from the cloud itself)
/// it is the cell's, updated incrementally per axis (Arya and Mount, 1993): squared offsets for
/// L2, absolute offsets for L1. Duplicate points are
/// allowed; among equidistant neighbours which one is returned is unspecified but deterministic.
/// </para>
/// Batch queries run in parallel over chunks of queries; each query's answer depends only on the
/// tree and the query, so results are identical for any thread count.
/// </summary>
public sealed unsafe class KdTree
{
    /// <summary>Most points per leaf bucket; 12 balances scan cost against tree depth for 3-D data.</summary>
    public const int DefaultLeafSize = 12;

    // Subtrees built in parallel below the root: 2^3 = 8 tasks keep 2–8 cores busy without tiny tasks.
    const int ParallelBuildLevels = 3;
    const int ParallelBuildMinimum = 1 << 15;

    readonly double[] _xyz;      // tree-order coordinates, x y z per point
    readonly int[] _original;    // original index of each tree-order point
    readonly double[] _split;    // split value of each internal node (heap order)
    readonly byte[] _axis;       // split axis of each internal node
    readonly double* _xyzPointer;
    readonly double* _splitPointer;
    readonly byte* _axisPointer;
    readonly double[] _box;      // tight bounding box of each node's points (heap order): min x y z, max x y z
    readonly double* _boxPointer;
    readonly int _firstLeaf;     // heap index of the first leaf = number of internal nodes

    /// <summary>Builds the tree; the points are copied, so the caller may change its array afterwards.</summary>
    /// <exception cref="ArgumentException">No points, or a coordinate that is NaN or infinite.</exception>
    public KdTree(ReadOnlySpan<Vector3d> points, int leafSize = DefaultLeafSize)
    {
        if (points.IsEmpty) throw new ArgumentException("a k-d tree needs at least one point", nameof(points));
        if (leafSize < 1) throw new ArgumentOutOfRangeException(nameof(leafSize), leafSize, "a leaf holds at least one point");
        int n = points.Length;
        var entries = new IndexedPoint[n];
        for (int i = 0; i < n; i++)
        {
            var p = points[i];
            if (!p.IsFinite) throw new ArgumentException($"point {i} has a coordinate that is not finite: {p}", nameof(points));
            entries[i] = new IndexedPoint { X = p.X, Y = p.Y, Z = p.Z, Index = i };
        }

        // The fewest levels whose leaves hold at most leafSize points: leaf ranges are ⌊n/2^d⌋ or ⌈n/2^d⌉.
        int depth = 0;
        while ((((long)n + (1L << depth) - 1) >> depth) > leafSize) depth++;
        if (depth > 30) // heap indices up to 2^(depth+1) − 2 must fit an int
            throw new ArgumentOutOfRangeException(nameof(leafSize), leafSize, $"a leaf size of {leafSize} needs more than 2^30 leaves for {n} points");
        Count = n;
        Depth = depth;
        LeafSize = leafSize;
        _firstLeaf = (1 << depth) - 1;
        _split = GC.AllocateUninitializedArray<double>(_firstLeaf, pinned: true);
        _axis = GC.AllocateUninitializedArray<byte>(_firstLeaf, pinned: true);
        BuildNode(entries, 0, 0, n, 0);

        _xyz = GC.AllocateUninitializedArray<double>(3 * n, pinned: true);
        _original = new int[n];
        for (int i = 0; i < n; i++)
        {
            _xyz[3 * i] = entries[i].X;
            _xyz[3 * i + 1] = entries[i].Y;
            _xyz[3 * i + 2] = entries[i].Z;
            _original[i] = entries[i].Index;
        }
        _xyzPointer = (double*)Unsafe.AsPointer(ref _xyz[0]);
        _splitPointer = _firstLeaf > 0 ? (double*)Unsafe.AsPointer(ref _split[0]) : null;
        _axisPointer = _firstLeaf > 0 ? (byte*)Unsafe.AsPointer(ref _axis[0]) : null;
        _box = GC.AllocateUninitializedArray<double>(6 * (2 * _firstLeaf + 1), pinned: true);
        _boxPointer = (double*)Unsafe.AsPointer(ref _box[0]);
        BuildBox(0, 0, n, 0);
    }

    public int Count { get; }
    /// <summary>Number of splitting levels; the tree has 2^Depth leaves.</summary>
    public int Depth { get; }
    public int LeafSize { get; }

    /// <summary>The index of the point nearest to <paramref name="query"/> and its distance under <paramref name="norm"/>.</summary>
    /// <exception cref="ArgumentException">A query coordinate that is NaN or infinite.</exception>
    public int Nearest(Vector3d query, out double distance, DistanceNorm norm = DistanceNorm.Euclidean)
    {
        CheckQuery(query);
        var state = new NearestState(query);
        if (norm == DistanceNorm.Euclidean) SearchNearest<EuclideanKernel>(0, 0, Count, ref state);
        else SearchNearest<ManhattanKernel>(0, 0, Count, ref state);
        distance = norm == DistanceNorm.Euclidean ? EuclideanKernel.ToDistance(state.Best) : state.Best;
        return _original[state.BestSlot];
    }

    /// <summary>
    /// The <paramref name="k"/> nearest points to <paramref name="query"/>, nearest first, into the first k
    /// entries of <paramref name="indices"/> and <paramref name="distances"/>.
    /// </summary>
    public void KNearest(Vector3d query, int k, Span<int> indices, Span<double> distances, DistanceNorm norm = DistanceNorm.Euclidean)
    {
        CheckK(k);
        if (indices.Length < k || distances.Length < k)
            throw new ArgumentException($"the result spans must hold k = {k} entries");
        fixed (int* indexRow = indices)
        fixed (double* distanceRow = distances)
            KNearestInto(query, k, indexRow, distanceRow, norm);
    }

    /// <summary>
    /// The nearest point for every query, in parallel: <paramref name="indices"/>[i] and
    /// <paramref name="distances"/>[i] answer <paramref name="queries"/>[i].
    /// </summary>
    public void Nearest(ReadOnlyMemory<Vector3d> queries, Memory<int> indices, Memory<double> distances, DistanceNorm norm = DistanceNorm.Euclidean)
    {
        int n = queries.Length;
        if (indices.Length < n || distances.Length < n)
            throw new ArgumentException($"the result arrays must hold one entry per query ({n})");
        CheckQueries(queries.Span);
        ParallelChunks.Run(n, (start, end) =>
        {
            var q = queries.Span;
            var idx = indices.Span;
            var dist = distances.Span;
            for (int i = start; i < end; i++)
            {
                idx[i] = Nearest(q[i], out double d, norm);
                dist[i] = d;
            }
        });
    }

    /// <summary>Nearest-neighbour distances only, one per query, in parallel.</summary>
    public double[] NearestDistances(ReadOnlyMemory<Vector3d> queries, DistanceNorm norm = DistanceNorm.Euclidean)
    {
        var distances = new double[queries.Length];
        Nearest(queries, new int[queries.Length], distances, norm);
        return distances;
    }

    /// <summary>
    /// The <paramref name="k"/> nearest points for every query, in parallel, row-major: query i's
    /// neighbours, nearest first, are entries [i·k, i·k + k) of <paramref name="indices"/> and <paramref name="distances"/>.
    /// </summary>
    public void KNearest(ReadOnlyMemory<Vector3d> queries, int k, Memory<int> indices, Memory<double> distances, DistanceNorm norm = DistanceNorm.Euclidean)
    {
        CheckK(k);
        int n = queries.Length;
        if (indices.Length < (long)n * k || distances.Length < (long)n * k)
            throw new ArgumentException($"the result arrays must hold k = {k} entries per query ({n} queries)");
        CheckQueries(queries.Span);
        ParallelChunks.Run(n, (start, end) =>
        {
            var q = queries.Span;
            fixed (int* indexBase = indices.Span)
            fixed (double* distanceBase = distances.Span)
            {
                for (int i = start; i < end; i++)
                    KNearestInto(q[i], k, indexBase + (long)i * k, distanceBase + (long)i * k, norm);
            }
        });
    }

    static void CheckQuery(Vector3d query)
    {
        // Every distance to a non-finite query compares false, so no point would ever be found.
        if (!query.IsFinite) throw new ArgumentException($"the query {query} has a coordinate that is not finite", nameof(query));
    }

    // Batches are checked before the parallel loop so that a bad query raises ArgumentException, not an AggregateException.
    internal static void CheckQueries(ReadOnlySpan<Vector3d> queries)
    {
        for (int i = 0; i < queries.Length; i++)
            if (!queries[i].IsFinite) throw new ArgumentException($"query {i} {queries[i]} has a coordinate that is not finite", nameof(queries));
    }

    void CheckK(int k)
    {
        if (k < 1 || k > Count) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must lie in 1..{Count} (the number of points)");
    }

    void KNearestInto(Vector3d query, int k, int* indexRow, double* distanceRow, DistanceNorm norm)
    {
        CheckQuery(query);
        for (int j = 0; j < k; j++)
        {
            distanceRow[j] = double.PositiveInfinity;
            indexRow[j] = -1;
        }
        var state = new KNearestState(query, k, indexRow, distanceRow);
        if (norm == DistanceNorm.Euclidean)
        {
            SearchKNearest<EuclideanKernel>(0, 0, Count, 0, ref state);
            for (int j = 0; j < k; j++) distanceRow[j] = EuclideanKernel.ToDistance(distanceRow[j]);
        }
        else
        {
            SearchKNearest<ManhattanKernel>(0, 0, Count, 0, ref state);
        }
        for (int j = 0; j < k; j++) indexRow[j] = _original[indexRow[j]];
    }

    // ---- search -------------------------------------------------------------------------------

    struct NearestState
    {
        public fixed double Query[3];
        public double Best;            // norm surrogate of the best distance so far
        public int BestSlot;

        public NearestState(Vector3d q)
        {
            Query[0] = q.X; Query[1] = q.Y; Query[2] = q.Z;
            Best = double.PositiveInfinity;
            BestSlot = -1;
        }
    }

    struct KNearestState
    {
        public fixed double Query[3];
        public fixed double Offset[3];
        public readonly int K;
        public readonly int* Slots;       // ascending by distance; slots until the search ends
        public readonly double* Distances;

        public KNearestState(Vector3d q, int k, int* slots, double* distances)
        {
            Query[0] = q.X; Query[1] = q.Y; Query[2] = q.Z;
            K = k;
            Slots = slots;
            Distances = distances;
        }
    }

    // The nearest-point search bounds a subtree by the tight box of its points rather than by its cell's split planes:
    // on a surface the cells reach far into the empty space around it, so a query off the surface lay within nearly
    // every cell's planes and visited leaves all over the cloud (measured: 1-NN queries from training samples took
    // 175 µs each on a 10 M-point scan, growing with the cloud).
    void SearchNearest<TNorm>(int node, int lo, int hi, ref NearestState s) where TNorm : struct, INormKernel
    {
        if (node >= _firstLeaf)
        {
            double qx = s.Query[0], qy = s.Query[1], qz = s.Query[2];
            double best = s.Best;
            int bestSlot = s.BestSlot;
            double* p = _xyzPointer + 3 * lo;
            for (int i = lo; i < hi; i++, p += 3)
            {
                double d = TNorm.Axis(p[0] - qx) + TNorm.Axis(p[1] - qy) + TNorm.Axis(p[2] - qz);
                if (d < best)
                {
                    best = d;
                    bestSlot = i;
                }
            }
            s.Best = best;
            s.BestSlot = bestSlot;
            return;
        }
        int mid = lo + ((hi - lo) >> 1);
        int left = 2 * node + 1;
        double toLeft = BoxBound<TNorm>(left, ref s), toRight = BoxBound<TNorm>(left + 1, ref s);
        if (toLeft <= toRight)
        {
            if (toLeft < s.Best) SearchNearest<TNorm>(left, lo, mid, ref s);
            if (toRight < s.Best) SearchNearest<TNorm>(left + 1, mid, hi, ref s);
        }
        else
        {
            if (toRight < s.Best) SearchNearest<TNorm>(left + 1, mid, hi, ref s);
            if (toLeft < s.Best) SearchNearest<TNorm>(left, lo, mid, ref s);
        }
    }

    /// <summary>The norm surrogate of the distance from the query to the box of <paramref name="node"/>'s points (0 inside).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    double BoxBound<TNorm>(int node, ref NearestState s) where TNorm : struct, INormKernel
    {
        double* box = _boxPointer + 6 * node;
        double bound = 0;
        for (int a = 0; a < 3; a++)
        {
            double q = s.Query[a];
            double below = box[a] - q, above = q - box[3 + a];
            if (below > 0) bound += TNorm.Axis(below);
            else if (above > 0) bound += TNorm.Axis(above);
        }
        return bound;
    }

    void SearchKNearest<TNorm>(int node, int lo, int hi, double bound, ref KNearestState s) where TNorm : struct, INormKernel
    {
        if (node >= _firstLeaf)
        {
            double qx = s.Query[0], qy = s.Query[1], qz = s.Query[2];
            int last = s.K - 1;
            double* distances = s.Distances;
            int* slots = s.Slots;
            double* p = _xyzPointer + 3 * lo;
            for (int i = lo; i < hi; i++, p += 3)
            {
                double d = TNorm.Axis(p[0] - qx) + TNorm.Axis(p[1] - qy) + TNorm.Axis(p[2] - qz);
                if (d < distances[last])
                {
                    int j = last;
                    while (j > 0 && distances[j - 1] > d)
                    {
                        distances[j] = distances[j - 1];
                        slots[j] = slots[j - 1];
                        j--;
                    }
                    distances[j] = d;
                    slots[j] = i;
                }
            }
            return;
        }
        int axis = _axisPointer[node];
        double difference = s.Query[axis] - _splitPointer[node];
        int mid = lo + ((hi - lo) >> 1);
        int left = 2 * node + 1;
        double previous = s.Offset[axis];
        double farBound = bound - TNorm.Axis(previous) + TNorm.Axis(difference);
        if (difference <= 0)
        {
            SearchKNearest<TNorm>(left, lo, mid, bound, ref s);
            if (farBound < s.Distances[s.K - 1])
            {
                s.Offset[axis] = difference;
                SearchKNearest<TNorm>(left + 1, mid, hi, farBound, ref s);
                s.Offset[axis] = previous;
            }
        }
        else
        {
            SearchKNearest<TNorm>(left + 1, mid, hi, bound, ref s);
            if (farBound < s.Distances[s.K - 1])
            {
                s.Offset[axis] = difference;
                SearchKNearest<TNorm>(left, lo, mid, farBound, ref s);
                s.Offset[axis] = previous;
            }
        }
    }

    // ---- construction -------------------------------------------------------------------------

    void BuildBox(int node, int lo, int hi, int level)
    {
        double* box = _boxPointer + 6 * node;
        if (node >= _firstLeaf)
        {
            box[0] = box[1] = box[2] = double.PositiveInfinity;
            box[3] = box[4] = box[5] = double.NegativeInfinity;
            double* p = _xyzPointer + 3 * lo;
            for (int i = lo; i < hi; i++, p += 3)
            {
                for (int a = 0; a < 3; a++)
                {
                    box[a] = Math.Min(box[a], p[a]);
                    box[3 + a] = Math.Max(box[3 + a], p[a]);
                }
            }
            return;
        }
        int mid = lo + ((hi - lo) >> 1);
        int left = 2 * node + 1;
        if (level < ParallelBuildLevels && hi - lo >= ParallelBuildMinimum)
        {
            Parallel.Invoke(() => BuildBox(left, lo, mid, level + 1), () => BuildBox(left + 1, mid, hi, level + 1));
        }
        else
        {
            BuildBox(left, lo, mid, level + 1);
            BuildBox(left + 1, mid, hi, level + 1);
        }
        double* l = _boxPointer + 6 * left, r = _boxPointer + 6 * (left + 1);
        for (int a = 0; a < 3; a++)
        {
            box[a] = Math.Min(l[a], r[a]);
            box[3 + a] = Math.Max(l[3 + a], r[3 + a]);
        }
    }

    void BuildNode(IndexedPoint[] entries, int node, int lo, int hi, int level)
    {
        if (level == Depth) return;
        int axis = MedianSplit.WidestAxis(entries, lo, hi);
        int mid = lo + ((hi - lo) >> 1);
        _split[node] = MedianSplit.Partition(entries, lo, hi, mid, axis);
        _axis[node] = (byte)axis;
        int left = 2 * node + 1;
        if (level < ParallelBuildLevels && hi - lo >= ParallelBuildMinimum)
        {
            Parallel.Invoke(
                () => BuildNode(entries, left, lo, mid, level + 1),
                () => BuildNode(entries, left + 1, mid, hi, level + 1));
        }
        else
        {
            BuildNode(entries, left, lo, mid, level + 1);
            BuildNode(entries, left + 1, mid, hi, level + 1);
        }
    }
}
