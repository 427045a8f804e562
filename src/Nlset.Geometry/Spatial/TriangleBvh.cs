namespace Nlset.Geometry.Spatial;

/// <summary>
/// A bounding-volume hierarchy over the triangles of a mesh answering exact closest-point queries.
/// <para>
/// Built top-down by splitting each node's triangles at the median centroid along the centroids'
/// widest axis (balanced depth, linear-time selection per level). Nodes live in flat arrays in
/// depth-first order: a node's left child is the next node, its right child is stored; a leaf
/// stores a range of the reordered triangle array, whose corners are copied contiguously.
/// </para>
/// A query descends nearer child first and skips every box whose distance is not below the best
/// distance found, so only the triangles near the answer are tested. Degenerate triangles are
/// measured as their edges (<see cref="Triangle3d.ClosestPoint"/>), never NaN.
/// </summary>
public sealed class TriangleBvh
{
    /// <summary>Most triangles per leaf: small, because a triangle test costs far more than a box test.</summary>
    public const int DefaultLeafSize = 4;

    // The median split halves every node, so depth ≤ ⌈log2 n⌉ + 1 ≤ 33 for any int count; the stack holds at most depth + 1 entries.
    const int StackCapacity = 64;

    readonly double[] _bounds;   // per node: min x y z, max x y z
    readonly int[] _first;       // leaf: first triangle slot; internal: right child
    readonly int[] _count;       // leaf: number of triangles (> 0); internal: 0
    readonly Vector3d[] _corners; // per triangle slot: A, B, C
    readonly bool[] _degenerate;  // per triangle slot
    readonly int[] _original;     // per triangle slot: triangle index in the mesh
    int _nodeCount;

    public TriangleBvh(Mesh mesh, int leafSize = DefaultLeafSize) : this(mesh.Vertices, mesh.Triangles, leafSize) { }

    /// <param name="triangles">Flat vertex indices, three per triangle.</param>
    /// <exception cref="ArgumentException">No triangles, an index out of range, or a corner that is not finite.</exception>
    public TriangleBvh(ReadOnlySpan<Vector3d> vertices, ReadOnlySpan<int> triangles, int leafSize = DefaultLeafSize)
    {
        if (leafSize < 1) throw new ArgumentOutOfRangeException(nameof(leafSize), leafSize, "a leaf holds at least one triangle");
        if (triangles.Length == 0 || triangles.Length % 3 != 0)
            throw new ArgumentException("a triangle BVH needs at least one triangle (three indices each)", nameof(triangles));
        int n = triangles.Length / 3;
        var centroids = new IndexedPoint[n];
        var corners = new Vector3d[3 * n];
        for (int t = 0; t < n; t++)
        {
            for (int c = 0; c < 3; c++)
            {
                int v = triangles[3 * t + c];
                if ((uint)v >= (uint)vertices.Length)
                    throw new ArgumentException($"triangle {t} refers to vertex {v}, but there are {vertices.Length}", nameof(triangles));
                if (!vertices[v].IsFinite) throw new ArgumentException($"vertex {v} of triangle {t} is not finite", nameof(vertices));
                corners[3 * t + c] = vertices[v];
            }
            var centroid = (corners[3 * t] + corners[3 * t + 1] + corners[3 * t + 2]) / 3.0;
            centroids[t] = new IndexedPoint { X = centroid.X, Y = centroid.Y, Z = centroid.Z, Index = t };
        }

        TriangleCount = n;
        LeafSize = leafSize;
        int maxNodes = 2 * n - 1; // every leaf holds at least one triangle, so there are at most n leaves
        _bounds = new double[6 * maxNodes];
        _first = new int[maxNodes];
        _count = new int[maxNodes];
        Build(centroids, corners, 0, n);

        _corners = new Vector3d[3 * n];
        _degenerate = new bool[n];
        _original = new int[n];
        for (int slot = 0; slot < n; slot++)
        {
            int t = centroids[slot].Index;
            _original[slot] = t;
            _corners[3 * slot] = corners[3 * t];
            _corners[3 * slot + 1] = corners[3 * t + 1];
            _corners[3 * slot + 2] = corners[3 * t + 2];
            _degenerate[slot] = new Triangle3d(corners[3 * t], corners[3 * t + 1], corners[3 * t + 2]).IsDegenerate;
        }
    }

    public int TriangleCount { get; }
    public int LeafSize { get; }
    public int NodeCount => _nodeCount;

    /// <summary>The point of the mesh nearest to <paramref name="query"/>.</summary>
    /// <exception cref="ArgumentException">A query coordinate that is NaN or infinite.</exception>
    public SurfacePoint ClosestPoint(Vector3d query)
    {
        if (!query.IsFinite) throw new ArgumentException($"the query {query} has a coordinate that is not finite", nameof(query));
        Span<int> stackNode = stackalloc int[StackCapacity];
        Span<double> stackDistance = stackalloc double[StackCapacity];
        int top = 0;
        stackNode[top] = 0;
        stackDistance[top++] = BoxDistanceSquared(0, query);
        double best = double.PositiveInfinity;
        int bestSlot = -1;
        var bestPoint = Vector3d.Zero;
        while (top > 0)
        {
            top--;
            if (!(stackDistance[top] < best)) continue;
            int node = stackNode[top];
            int count = _count[node];
            if (count > 0)
            {
                int first = _first[node];
                for (int slot = first; slot < first + count; slot++)
                {
                    var a = _corners[3 * slot];
                    var b = _corners[3 * slot + 1];
                    var c = _corners[3 * slot + 2];
                    var point = _degenerate[slot] ? new Triangle3d(a, b, c).ClosestPoint(query) : Triangle3d.ClosestPointNonDegenerate(query, a, b, c);
                    double d = (query - point).LengthSquared;
                    if (d < best)
                    {
                        best = d;
                        bestSlot = slot;
                        bestPoint = point;
                    }
                }
                continue;
            }
            int left = node + 1, right = _first[node];
            double dl = BoxDistanceSquared(left, query), dr = BoxDistanceSquared(right, query);
            // Push the farther child first so the nearer one is searched first and tightens the bound.
            if (dl <= dr)
            {
                if (dr < best) { stackNode[top] = right; stackDistance[top++] = dr; }
                if (dl < best) { stackNode[top] = left; stackDistance[top++] = dl; }
            }
            else
            {
                if (dl < best) { stackNode[top] = left; stackDistance[top++] = dl; }
                if (dr < best) { stackNode[top] = right; stackDistance[top++] = dr; }
            }
        }
        return new SurfacePoint(bestPoint, Math.Sqrt(best), _original[bestSlot]);
    }

    /// <summary>The closest point for every query, in parallel; entry i answers query i.</summary>
    public SurfacePoint[] ClosestPoints(ReadOnlyMemory<Vector3d> queries)
    {
        KdTree.CheckQueries(queries.Span);
        var result = new SurfacePoint[queries.Length];
        ParallelChunks.Run(queries.Length, (start, end) =>
        {
            var q = queries.Span;
            for (int i = start; i < end; i++) result[i] = ClosestPoint(q[i]);
        });
        return result;
    }

    double BoxDistanceSquared(int node, Vector3d p)
    {
        int o = 6 * node;
        double dx = Math.Max(Math.Max(_bounds[o] - p.X, p.X - _bounds[o + 3]), 0);
        double dy = Math.Max(Math.Max(_bounds[o + 1] - p.Y, p.Y - _bounds[o + 4]), 0);
        double dz = Math.Max(Math.Max(_bounds[o + 2] - p.Z, p.Z - _bounds[o + 5]), 0);
        return dx * dx + dy * dy + dz * dz;
    }

    /// <summary>Builds the subtree over centroid slots [lo, hi) depth first and returns its node index.</summary>
    int Build(IndexedPoint[] centroids, Vector3d[] corners, int lo, int hi)
    {
        int node = _nodeCount++;
        var min = new Vector3d(double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity);
        var max = -min;
        for (int i = lo; i < hi; i++)
        {
            int t = centroids[i].Index;
            for (int c = 0; c < 3; c++)
            {
                min = Vector3d.Min(min, corners[3 * t + c]);
                max = Vector3d.Max(max, corners[3 * t + c]);
            }
        }
        int o = 6 * node;
        _bounds[o] = min.X; _bounds[o + 1] = min.Y; _bounds[o + 2] = min.Z;
        _bounds[o + 3] = max.X; _bounds[o + 4] = max.Y; _bounds[o + 5] = max.Z;
        if (hi - lo <= LeafSize)
        {
            _first[node] = lo;
            _count[node] = hi - lo;
            return node;
        }
        int mid = lo + ((hi - lo) >> 1);
        MedianSplit.Partition(centroids, lo, hi, mid, MedianSplit.WidestAxis(centroids, lo, hi));
        Build(centroids, corners, lo, mid);
        _first[node] = Build(centroids, corners, mid, hi);
        _count[node] = 0;
        return node;
    }
}
