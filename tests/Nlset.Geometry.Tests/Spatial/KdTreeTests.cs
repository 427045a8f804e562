using Nlset.Geometry.Randomness;
using Nlset.Geometry.Spatial;

namespace Nlset.Geometry.Tests.Spatial;

public class KdTreeTests
{
    public static TheoryData<DistanceNorm, int> NormsAndK => new()
    {
        { DistanceNorm.Euclidean, 1 }, { DistanceNorm.Euclidean, 5 },
        { DistanceNorm.Manhattan, 1 }, { DistanceNorm.Manhattan, 5 },
    };

    [Theory]
    [MemberData(nameof(NormsAndK))]
    public void AgreesWithALinearScanOnRandomPoints(DistanceNorm norm, int k)
    {
        var random = new SeededRandom(1);
        var points = TestShapes.RandomPoints(random, 3000);
        // Queries inside, around and far outside the cloud.
        var queries = TestShapes.RandomPoints(random, 400, 3).Select(q => q - new Vector3d(1, 1, 1)).ToArray();
        AssertMatchesLinearScan(new KdTree(points), points, queries, k, norm);
    }

    [Theory]
    [MemberData(nameof(NormsAndK))]
    public void AgreesWithALinearScanOnASurfaceQueriedFromFarAway(DistanceNorm norm, int k)
    {
        // A scan is a surface: the nearest-point search bounds subtrees by their points' boxes, which on a surface are far
        // tighter than the cells' split planes; queries off the surface, near and far, must still get the exact answer.
        var random = new SeededRandom(3);
        var points = Nlset.Geometry.Shapes.Icosphere.Create(3, radius: 0.5).Vertices
            .Concat(Enumerable.Range(0, 3000).Select(_ => RandomOnSphere(random, 0.5)))
            .ToArray();
        var queries = Enumerable.Range(0, 300).Select(i => RandomOnSphere(random, 0.5 + 0.001 * (i % 10) + 0.3 * (i % 3)))
            .Concat(Enumerable.Range(0, 100).Select(_ => RandomOnSphere(random, random.NextDouble(0, 0.45))))
            .ToArray();
        AssertMatchesLinearScan(new KdTree(points), points, queries, k, norm);
    }

    static Vector3d RandomOnSphere(SeededRandom random, double radius) =>
        new Vector3d(random.NextGaussian(), random.NextGaussian(), random.NextGaussian()).Normalized() * radius;

    [Theory]
    [MemberData(nameof(NormsAndK))]
    public void AgreesWithALinearScanWithManyDuplicatesAndQueriesOnDataPoints(DistanceNorm norm, int k)
    {
        // 40 distinct locations, each repeated ~50 times, plus coordinates on a coarse grid so split keys tie.
        var random = new SeededRandom(2);
        var distinct = TestShapes.RandomPoints(random, 40);
        var points = new Vector3d[2000];
        for (int i = 0; i < points.Length; i++)
            points[i] = i % 2 == 0 ? distinct[random.NextInt(distinct.Length)] : new Vector3d(random.NextInt(4), random.NextInt(4), random.NextInt(4));
        var queries = points.Take(300).Concat(TestShapes.RandomPoints(random, 200, 4)).ToArray();
        var tree = new KdTree(points, leafSize: 3);
        AssertMatchesLinearScan(tree, points, queries, k, norm);
        for (int i = 0; i < 300; i++) Assert.Equal(0.0, QueryDistances(tree, queries[i], k, norm)[0]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(12)]
    [InlineData(100)]
    public void AnyLeafSizeGivesExactAnswers(int leafSize)
    {
        var random = new SeededRandom(3);
        var points = TestShapes.RandomPoints(random, 777);
        var queries = TestShapes.RandomPoints(random, 100);
        var tree = new KdTree(points, leafSize);
        Assert.True(tree.LeafSize == leafSize && (777 + (1 << tree.Depth) - 1) >> tree.Depth <= leafSize);
        AssertMatchesLinearScan(tree, points, queries, 4, DistanceNorm.Euclidean);
        AssertMatchesLinearScan(tree, points, queries, 1, DistanceNorm.Manhattan);
    }

    [Fact]
    public void TheNormDecidesWhichPointIsNearest()
    {
        // From the origin, (1, 1, 0) is nearer in L2 (1.414 < 1.5) but (0, 0, 1.5) is nearer in L1 (1.5 < 2).
        var tree = new KdTree([new Vector3d(1, 1, 0), new Vector3d(0, 0, 1.5)]);
        Assert.Equal(0, tree.Nearest(Vector3d.Zero, out double l2, DistanceNorm.Euclidean));
        Assert.Equal(Math.Sqrt(2), l2);
        Assert.Equal(1, tree.Nearest(Vector3d.Zero, out double l1, DistanceNorm.Manhattan));
        Assert.Equal(1.5, l1);
    }

    [Fact]
    public void IdenticalPointsAreAllReturnedAsDistinctNeighbours()
    {
        var points = Enumerable.Repeat(new Vector3d(0.5, 0.5, 0.5), 100).ToArray();
        var tree = new KdTree(points);
        var indices = new int[100];
        var distances = new double[100];
        tree.KNearest(new Vector3d(0.5, 0.5, 1.5), 100, indices, distances);
        Assert.Equal(Enumerable.Range(0, 100), indices.Order());
        Assert.All(distances, d => Assert.Equal(1.0, d));
    }

    [Fact]
    public void ASinglePointTreeAnswersEveryQuery()
    {
        var tree = new KdTree([new Vector3d(1, 2, 3)]);
        Assert.Equal(0, tree.Depth);
        Assert.Equal(0, tree.Nearest(new Vector3d(1, 2, 4), out double d));
        Assert.Equal(1.0, d);
        Assert.Equal(0, tree.Nearest(new Vector3d(2, 3, 4), out double l1, DistanceNorm.Manhattan));
        Assert.Equal(3.0, l1);
    }

    [Fact]
    public void BatchQueriesEqualSingleQueriesWhateverTheScheduling()
    {
        var random = new SeededRandom(4);
        var points = TestShapes.RandomPoints(random, 5000);
        var queries = TestShapes.RandomPoints(random, 5000); // several parallel chunks
        var tree = new KdTree(points);
        foreach (var norm in new[] { DistanceNorm.Euclidean, DistanceNorm.Manhattan })
        {
            var indices = new int[queries.Length];
            var distances = new double[queries.Length];
            tree.Nearest(queries, indices, distances, norm);
            var knnIndices = new int[queries.Length * 3];
            var knnDistances = new double[queries.Length * 3];
            tree.KNearest(queries, 3, knnIndices, knnDistances, norm);
            Assert.Equal(distances, tree.NearestDistances(queries, norm));
            var single = new int[3];
            var singleDistances = new double[3];
            for (int i = 0; i < queries.Length; i++)
            {
                Assert.Equal(tree.Nearest(queries[i], out double d, norm), indices[i]);
                Assert.Equal(d, distances[i]);
                tree.KNearest(queries[i], 3, single, singleDistances, norm);
                Assert.Equal(single, knnIndices[(3 * i)..(3 * i + 3)]);
                Assert.Equal(singleDistances, knnDistances[(3 * i)..(3 * i + 3)]);
                Assert.Equal(distances[i], knnDistances[3 * i]);
            }
        }
    }

    [Fact]
    public void TheTreeCopiesItsPoints()
    {
        var points = new[] { new Vector3d(0, 0, 0), new Vector3d(1, 0, 0) };
        var tree = new KdTree(points);
        points[0] = new Vector3d(5, 5, 5);
        Assert.Equal(0, tree.Nearest(new Vector3d(0.1, 0, 0), out double d));
        Assert.Equal(0.1, d, 15);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new KdTree(ReadOnlySpan<Vector3d>.Empty));
        Assert.Throws<ArgumentException>(() => new KdTree([new Vector3d(0, double.NaN, 0)]));
        Assert.Throws<ArgumentException>(() => new KdTree([new Vector3d(0, 0, double.PositiveInfinity)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KdTree([Vector3d.Zero], leafSize: 0));
        var tree = new KdTree([Vector3d.Zero, new Vector3d(1, 1, 1)]);
        Assert.Throws<ArgumentException>(() => tree.Nearest(new Vector3d(double.NaN, 0, 0), out _));
        Assert.Throws<ArgumentException>(() => tree.KNearest(new Vector3d(0, double.NegativeInfinity, 0), 1, new int[1], new double[1]));
        var manyQueries = new Vector3d[5000];
        manyQueries[4000] = new Vector3d(0, 0, double.NaN); // in a later parallel chunk
        Assert.Throws<ArgumentException>(() => tree.NearestDistances(manyQueries));
        Assert.Throws<ArgumentException>(() => tree.KNearest(manyQueries, 1, new int[5000], new double[5000]));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.KNearest(Vector3d.Zero, 3, new int[3], new double[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.KNearest(Vector3d.Zero, 0, new int[1], new double[1]));
        Assert.Throws<ArgumentException>(() => tree.KNearest(Vector3d.Zero, 2, new int[1], new double[2]));
        Assert.Throws<ArgumentException>(() => tree.Nearest(new Vector3d[4], new int[3], new double[4]));
        Assert.Throws<ArgumentException>(() => tree.KNearest(new Vector3d[4], 2, new int[8], new double[7]));
    }

    static void AssertMatchesLinearScan(KdTree tree, Vector3d[] points, Vector3d[] queries, int k, DistanceNorm norm)
    {
        var indices = new int[queries.Length * k];
        var distances = new double[queries.Length * k];
        if (k == 1) tree.Nearest(queries, indices, distances, norm);
        else tree.KNearest(queries, k, indices, distances, norm);
        for (int i = 0; i < queries.Length; i++)
        {
            var expected = points.Select(p => Distance(p, queries[i], norm)).Order().Take(k).ToArray();
            var row = indices[(i * k)..(i * k + k)];
            // Which of several equidistant points is returned is open; the distances are not, and each
            // returned index must be a distinct point at the distance reported for it.
            Assert.Equal(expected, distances[(i * k)..(i * k + k)]);
            Assert.Equal(k, row.Distinct().Count());
            for (int j = 0; j < k; j++) Assert.Equal(distances[i * k + j], Distance(points[row[j]], queries[i], norm));
        }
    }

    static double[] QueryDistances(KdTree tree, Vector3d query, int k, DistanceNorm norm)
    {
        var distances = new double[k];
        tree.KNearest(query, k, new int[k], distances, norm);
        return distances;
    }

    static double Distance(Vector3d p, Vector3d q, DistanceNorm norm) =>
        norm == DistanceNorm.Euclidean ? (p - q).Length : (p - q).ManhattanLength;
}
