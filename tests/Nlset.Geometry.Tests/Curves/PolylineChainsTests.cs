using Nlset.Geometry.Curves;
using Nlset.Geometry.IO;
using Nlset.Geometry.Shapes;
using Nlset.Geometry.Tests.IO;

namespace Nlset.Geometry.Tests.Curves;

public class PolylineChainsTests
{
    /// <summary>Every undirected edge of the chains, as (min, max), counted.</summary>
    static Dictionary<(int, int), int> Edges(IEnumerable<int[]> chains)
    {
        var edges = new Dictionary<(int, int), int>();
        foreach (var c in chains)
            for (int i = 0; i + 1 < c.Length; i++)
            {
                var key = c[i] < c[i + 1] ? (c[i], c[i + 1]) : (c[i + 1], c[i]);
                edges[key] = edges.GetValueOrDefault(key) + 1;
            }
        return edges;
    }

    [Fact]
    public void ShuffledSegmentsOfASquareBecomeOneClosedChain()
    {
        int[][] segments = [[2, 3], [0, 1], [3, 0], [2, 1]];
        var chains = PolylineChains.Join(segments);
        var chain = Assert.Single(chains);
        Assert.True(PolylineChains.IsClosed(chain));
        Assert.Equal(5, chain.Length);
        Assert.Equal([2, 3, 0, 1, 2], chain);               // starts with the first edge, in its direction
        Assert.Equal(Edges(segments), Edges(chains));
    }

    [Fact]
    public void ShuffledSegmentsOfAPathBecomeOneOpenChainBetweenItsEnds()
    {
        int[][] segments = [[5, 6], [7, 6], [4, 5], [8, 7]];
        var chain = Assert.Single(PolylineChains.Join(segments));
        Assert.False(PolylineChains.IsClosed(chain));
        Assert.Equal([4, 5, 6, 7, 8], chain);
    }

    [Fact]
    public void ABranchPointSplitsChainsAndKeepsEveryEdgeOnce()
    {
        // A "Y": centre 0 with arms 0-1-2, 0-3, 0-4-5-6.
        int[][] segments = [[1, 2], [0, 1], [0, 3], [4, 5], [0, 4], [5, 6]];
        var chains = PolylineChains.Join(segments);
        Assert.Equal(3, chains.Count);
        Assert.All(chains, c => Assert.False(PolylineChains.IsClosed(c)));
        Assert.All(chains, c => Assert.True(c[0] == 0 || c[^1] == 0));
        Assert.Equal(Edges(segments), Edges(chains));
        Assert.All(Edges(chains).Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public void AFigureEightIsTwoClosedChainsThroughItsCrossing()
    {
        int[][] segments = [[0, 1], [1, 2], [2, 0], [0, 3], [3, 4], [4, 0]];
        var chains = PolylineChains.Join(segments);
        Assert.Equal(2, chains.Count);
        Assert.All(chains, c => Assert.True(PolylineChains.IsClosed(c) && c[0] == 0));
        Assert.Equal(Edges(segments), Edges(chains));
    }

    [Fact]
    public void MaximalChainsComeBackUnchanged()
    {
        int[][] lines = [[9, 8, 7, 9], [1, 2, 3], [4, 5]];
        var chains = PolylineChains.Join(lines);
        Assert.Equal(lines.Length, chains.Count);
        for (int i = 0; i < lines.Length; i++) Assert.Equal(lines[i], chains[i]);
    }

    [Fact]
    public void RepeatedAndZeroLengthEdgesCountOnce()
    {
        int[][] segments = [[0, 1], [1, 0], [1, 1], [1, 2], [2, 1, 2]];
        var chain = Assert.Single(PolylineChains.Join(segments));
        Assert.Equal([0, 1, 2], chain);
        Assert.Empty(PolylineChains.Join([[3, 3]]));
        Assert.Empty(PolylineChains.Join([]));
    }

    [Fact]
    public void NegativeIndexIsRejected() =>
        Assert.Throws<ArgumentException>(() => PolylineChains.Join([[0, -1]]));

    [Fact]
    public void APlyCurveReadBackAsEdgesJoinsToTheCurveWritten()
    {
        using var dir = new ScratchDirectory();
        var trefoil = ParametricCurves.Trefoil(64);
        GeometryFiles.Write(dir.File("t.ply"), trefoil);
        var read = GeometryFiles.Read(dir.File("t.ply"));
        Assert.Equal(64, read.Polylines.Count);             // PLY stores edges: 64 two-vertex polylines
        var joined = PolylineChains.Join(read);
        var chain = Assert.Single(joined.Polylines);
        Assert.Equal(trefoil.Polylines[0], chain);
        Assert.Equal(PolylineChains.Length(trefoil.Vertices, trefoil.Polylines[0]), PolylineChains.Length(joined.Vertices, chain), 5);
    }

    [Fact]
    public void LengthAndClosednessOfSmallChains()
    {
        Vector3d[] v = [new(0, 0, 0), new(3, 0, 0), new(3, 4, 0)];
        Assert.Equal(12, PolylineChains.Length(v, [0, 1, 2, 0]), 12);
        Assert.Equal(7, PolylineChains.Length(v, [0, 1, 2]), 12);
        Assert.True(PolylineChains.IsClosed([0, 1, 2, 0]));
        Assert.False(PolylineChains.IsClosed([0, 1, 0]));   // there and back is not a loop
        Assert.False(PolylineChains.IsClosed([0, 1, 2]));
    }
}
