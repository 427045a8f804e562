using Nlset.Geometry.Curves;
using Nlset.Geometry.Randomness;

namespace Nlset.Geometry.Tests.Curves;

/// <summary>The internal steps of <see cref="CurveAssembly"/> on hand-made pieces.</summary>
public class AssemblyStepsTests
{
    /// <summary>Points from a to b every 0.01 (both ends included).</summary>
    static List<Vector3d> Segment(Vector3d a, Vector3d b)
    {
        int n = (int)Math.Round((b - a).Length / 0.01);
        return Enumerable.Range(0, n + 1).Select(k => a + (b - a) * ((double)k / n)).ToList();
    }

    static Vector3d X(double x, double y = 0) => new(x, y, 0);

    [Fact]
    public void AHairpinLosesItsReturnLeg()
    {
        // Out along the x axis to 2, back 1 unit 0.01 above it.
        var points = Segment(X(0), X(2));
        points.AddRange(Segment(X(2, 0.01), X(1, 0.01)));
        var pieces = new List<CurvePiece> { new(points, closed: false) };
        double removed = OverlapRemoval.Run(pieces, distance: 0.03, exclusion: 0.1, minLength: 0.1);

        var piece = Assert.Single(pieces);
        Assert.InRange(piece.Length, 2, 2.1);                        // the way out (and the tip, within the exclusion)
        Assert.InRange(removed, 0.9, 1.01);                            // the way back, but its first 0.05 (within the exclusion of the tip)
    }

    [Fact]
    public void APieceRunningOverALongerOneIsCutWhereItOverlaps()
    {
        var pieces = new List<CurvePiece>
        {
            new(Segment(X(0, 0.005), X(1, 0.005)), closed: false),   // overlaps the long one over [0, 1]
            new(Segment(X(-1), X(5)), closed: false),
        };
        OverlapRemoval.Run(pieces, distance: 0.03, exclusion: 0.1, minLength: 0.1);
        var piece = Assert.Single(pieces);
        Assert.Equal(6, piece.Length, 6);
    }

    [Fact]
    public void ATraceJoinsTheEndItReachesEvenWhereThatEndHooks()
    {
        // Data along the x axis over [0, 3] (σ = 0.005); piece A covers [0, 1], piece B [1.6, 3] but starts with a hook
        // across the strand (its first segment points 77° off the axis), as the network's curve does where it begins to
        // leave the data. The trace from A's end follows the data to B and joins it.
        var random = new SeededRandom(4);
        var data = Enumerable.Range(0, 3001).Select(i => new Vector3d(0.001 * i, random.NextGaussian(0, 0.005), random.NextGaussian(0, 0.005))).ToArray();
        var hook = new List<Vector3d> { X(1.6, 0.012), X(1.605, -0.01) };
        hook.AddRange(Segment(X(1.62), X(3)));
        var a = new CurvePiece(Segment(X(0), X(1)), closed: false) { StartTraced = true };
        var b = new CurvePiece(hook, closed: false) { EndTraced = true };
        var pieces = new List<CurvePiece> { a, b };
        var tracing = new EndTracing(new DataCentreline(data, radius: 0.02), hitDistance: 0.015, step: 0.01, maxSteps: 1000);
        tracing.Run(pieces);

        var joined = Assert.Single(pieces);
        Assert.Equal(1, tracing.Joins);
        Assert.InRange(joined.Length, 3, 3.1);
        Assert.False(joined.Closed);
    }

    [Fact]
    public void EndsFacingEachOtherAcrossAShortHoleAreJoined()
    {
        var pieces = new List<CurvePiece> { new(Segment(X(0), X(1)), false), new(Segment(X(1.05), X(2)), false) };
        Assert.Equal(1, EndJoining.Run(pieces, maxDistance: 0.1, maxTurnDegrees: 60, arc: 0.2));
        var piece = Assert.Single(pieces);
        Assert.Equal(2, piece.Length, 6);
        Assert.False(piece.Closed);
    }

    [Fact]
    public void EndsThatDoNotFaceEachOtherOrAreFarStayApart()
    {
        // Side by side (parallel, 0.05 apart): the nearest ends point the same way, not at each other.
        var parallel = new List<CurvePiece> { new(Segment(X(0), X(1)), false), new(Segment(X(0, 0.05), X(1, 0.05)), false) };
        Assert.Equal(0, EndJoining.Run(parallel, 0.1, 60, 0.2));
        var far = new List<CurvePiece> { new(Segment(X(0), X(1)), false), new(Segment(X(1.2), X(2)), false) };
        Assert.Equal(0, EndJoining.Run(far, 0.1, 60, 0.2));
    }

    [Fact]
    public void ANearlyClosedCurveCloses()
    {
        var points = Enumerable.Range(0, 620).Select(k => new Vector3d(Math.Cos(k * 0.01), Math.Sin(k * 0.01), 0)).ToList();   // 6.19 of 2π
        var pieces = new List<CurvePiece> { new(points, false) };
        Assert.Equal(1, EndJoining.Run(pieces, 0.2, 60, 0.2));
        Assert.True(Assert.Single(pieces).Closed);
    }

    [Fact]
    public void DuplicatesOfLongerCurvesGoOthersStay()
    {
        var pieces = new List<CurvePiece>
        {
            new(Segment(X(0.2, 0.01), X(0.6, 0.01)), false),         // on top of the long one
            new(Segment(X(0), X(3)), false),
            new(Segment(X(0, 1), X(0.4, 1)), false),                  // elsewhere
        };
        var (count, length) = DuplicateCurves.Remove(pieces, distance: 0.03, share: 0.8);
        Assert.Equal(1, count);
        Assert.Equal(0.4, length, 6);
        Assert.Equal(2, pieces.Count);
        Assert.Equal(3, pieces[0].Length, 6);
    }
}
