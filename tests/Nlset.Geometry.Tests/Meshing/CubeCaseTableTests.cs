using Nlset.Geometry.Meshing;

namespace Nlset.Geometry.Tests.Meshing;

/// <summary>
/// Checks the emitted table itself (not the code that builds it) for the properties the mesh relies on:
/// cut edges are exactly the used edges, open triangle edges lie on faces and agree between neighbouring cells,
/// no diagonal joins two points of one face, and triangles face the outside.
/// </summary>
public class CubeCaseTableTests
{
    static bool Inside(int caseIndex, int corner) => ((caseIndex >> corner) & 1) != 0;

    static IEnumerable<(int A, int B, int C)> Triangles(int caseIndex)
    {
        for (int i = CubeCaseTable.Offsets[caseIndex]; i < CubeCaseTable.Offsets[caseIndex + 1]; i += 3)
            yield return (CubeCaseTable.Edges[i], CubeCaseTable.Edges[i + 1], CubeCaseTable.Edges[i + 2]);
    }

    static Vector3d Midpoint(int edge) =>
        (CubeCaseTable.CornerOffset(CubeCaseTable.EdgeCorners[edge].A) + CubeCaseTable.CornerOffset(CubeCaseTable.EdgeCorners[edge].B)) * 0.5;

    static bool OnFace(int edge, int axis, int side)
    {
        var (a, b) = CubeCaseTable.EdgeCorners[edge];
        return ((a >> axis) & 1) == side && ((b >> axis) & 1) == side;
    }

    /// <summary>Directed triangle edges used once in the case: the boundary of the case's surface piece.</summary>
    static List<(int From, int To)> OpenEdges(int caseIndex)
    {
        var directed = new List<(int, int)>();
        foreach (var (a, b, c) in Triangles(caseIndex)) directed.AddRange([(a, b), (b, c), (c, a)]);
        return directed.Where(e => directed.Count(f => (f.Item1 == e.Item1 && f.Item2 == e.Item2) || (f.Item1 == e.Item2 && f.Item2 == e.Item1)) == 1).ToList();
    }

    [Fact]
    public void EmptyAndFullCellsHaveNoTriangles()
    {
        Assert.Empty(Triangles(0));
        Assert.Empty(Triangles(255));
        Assert.True(CubeCaseTable.Edges.Length > 0);
    }

    [Fact]
    public void EveryCaseUsesExactlyItsCutEdges()
    {
        for (int c = 0; c < 256; c++)
        {
            var used = Triangles(c).SelectMany(t => new[] { t.A, t.B, t.C }).ToHashSet();
            for (int e = 0; e < 12; e++)
            {
                var (a, b) = CubeCaseTable.EdgeCorners[e];
                Assert.True((Inside(c, a) != Inside(c, b)) == used.Contains(e), $"case {c}, edge {e}");
            }
            foreach (var (a, b, d) in Triangles(c)) Assert.True(a != b && b != d && a != d, $"case {c} has a degenerate triangle");
        }
    }

    [Fact]
    public void InteriorEdgesAreInTwoTrianglesAndOpenEdgesLieOnFaces()
    {
        for (int c = 0; c < 256; c++)
        {
            var counts = new Dictionary<(int, int), int>();
            foreach (var (a, b, d) in Triangles(c))
                foreach (var (p, q) in new[] { (a, b), (b, d), (d, a) })
                {
                    var key = (Math.Min(p, q), Math.Max(p, q));
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            foreach (var ((p, q), uses) in counts)
            {
                bool sameFace = Enumerable.Range(0, 6).Any(f => OnFace(p, f / 2, f % 2) && OnFace(q, f / 2, f % 2));
                if (uses == 1) Assert.True(sameFace, $"case {c}: open edge {p}-{q} is not on a cell face");
                else
                {
                    Assert.Equal(2, uses);
                    // A diagonal inside the cell must not join two points of one face: the neighbour could pick it too.
                    Assert.False(sameFace, $"case {c}: diagonal {p}-{q} lies on a cell face");
                }
            }
        }
    }

    [Fact]
    public void NeighbouringCellsTraceTheSameSegmentsOnTheirSharedFace()
    {
        // For every pair of cases that agree on a shared face, the open edges on that face must be the same
        // segments, run in opposite directions (the two cells see the face from opposite sides).
        for (int axis = 0; axis < 3; axis++)
        {
            int bit = 1 << axis;
            for (int low = 0; low < 256; low++)
                for (int high = 0; high < 256; high++)
                {
                    bool agree = true;
                    for (int corner = 0; corner < 8 && agree; corner++)
                        if ((corner & bit) != 0 && Inside(low, corner) != Inside(high, corner & ~bit)) agree = false;
                    if (!agree) continue;
                    var fromLow = OpenEdges(low).Where(e => OnFace(e.From, axis, 1) && OnFace(e.To, axis, 1))
                        .Select(e => (Translate(e.To, axis), Translate(e.From, axis))).OrderBy(e => e).ToList();
                    var fromHigh = OpenEdges(high).Where(e => OnFace(e.From, axis, 0) && OnFace(e.To, axis, 0)).OrderBy(e => e).ToList();
                    Assert.True(fromLow.SequenceEqual(fromHigh), $"axis {axis}: cases {low} and {high} disagree on their shared face");
                }
        }
    }

    /// <summary>The edge of the +axis neighbour that coincides with <paramref name="edge"/> on the far face.</summary>
    static int Translate(int edge, int axis)
    {
        var (a, b) = CubeCaseTable.EdgeCorners[edge];
        int bit = 1 << axis;
        return Array.FindIndex(CubeCaseTable.EdgeCorners, e => e == (a & ~bit, b & ~bit));
    }

    [Fact]
    public void TrianglesFaceFromInsideCornersToOutsideCorners()
    {
        for (int c = 1; c < 255; c++)
        {
            var inside = Enumerable.Range(0, 8).Where(k => Inside(c, k)).Select(CubeCaseTable.CornerOffset).ToList();
            var outside = Enumerable.Range(0, 8).Where(k => !Inside(c, k)).Select(CubeCaseTable.CornerOffset).ToList();
            var towardsOutside = outside.Aggregate(Vector3d.Zero, (s, p) => s + p) / outside.Count
                               - inside.Aggregate(Vector3d.Zero, (s, p) => s + p) / inside.Count;
            var area = Vector3d.Zero;
            foreach (var (a, b, d) in Triangles(c))
                area += Vector3d.Cross(Midpoint(b) - Midpoint(a), Midpoint(d) - Midpoint(a));
            Assert.True(Vector3d.Dot(area, towardsOutside) > 0 || towardsOutside.LengthSquared == 0, $"case {c} faces inwards");
        }
    }

    [Theory]
    [InlineData(0b0000_0001, 1)]   // one corner
    [InlineData(0b0000_0011, 2)]   // one edge: a quad
    [InlineData(0b0000_1001, 2)]   // inside corners 0 and 3 across the bottom face: separated there, one triangle each
    [InlineData(0b1111_0110, 4)]   // complement of that: outside corners 0 and 3 joined across the face, a hexagon
    [InlineData(0b1000_0001, 2)]   // opposite corners: two separate triangles
    public void KnownCasesHaveTheExpectedTriangleCount(int caseIndex, int triangles)
    {
        Assert.Equal(triangles, Triangles(caseIndex).Count());
    }
}
