using Nlset.Geometry.Metrics;
using Nlset.Geometry.Randomness;
using Nlset.Geometry.Spatial;

namespace Nlset.Geometry.Tests.Metrics;

public class ChamferDistanceTests
{
    // A = {(0,0,0), (1,0,0)}, B = {(0,0,1), (3,1,0)}, by hand:
    //   a1: to b1 L2 1, L1 1; to b2 L2 √10, L1 4      → 1, 1
    //   a2: to b1 L2 √2, L1 2; to b2 L2 √5, L1 3      → √2, 2
    //   b1: to a1 L2 1, L1 1; to a2 L2 √2, L1 2       → 1, 1
    //   b2: to a1 L2 √10, L1 4; to a2 L2 √5, L1 3     → √5, 3
    static readonly Vector3d[] A = [new(0, 0, 0), new(1, 0, 0)];
    static readonly Vector3d[] B = [new(0, 0, 1), new(3, 1, 0)];

    [Fact]
    public void EuclideanOnAHandComputedPair()
    {
        var cd = ChamferDistance.Compute(A, B, DistanceNorm.Euclidean);
        Assert.Equal((1 + Math.Sqrt(2)) / 2, cd.AToB, 15);
        Assert.Equal((1 + Math.Sqrt(5)) / 2, cd.BToA, 15);
        Assert.Equal((2 + Math.Sqrt(2) + Math.Sqrt(5)) / 2, cd.Sum, 15);
        Assert.Equal(DistanceNorm.Euclidean, cd.Norm);
    }

    [Fact]
    public void ManhattanOnAHandComputedPair()
    {
        var cd = ChamferDistance.Compute(A, B, DistanceNorm.Manhattan);
        Assert.Equal(1.5, cd.AToB);
        Assert.Equal(2.0, cd.BToA);
        Assert.Equal(3.5, cd.Sum);
    }

    [Fact]
    public void TheNearestNeighbourIsTakenUnderTheSameNorm()
    {
        // From the origin (1,1,0) is nearer in L2 (√2 < 1.5), (0,0,1.5) nearer in L1 (1.5 < 2). Taking the
        // L2 neighbour and measuring it in L1 would give A→B = 2; the definition gives 1.5.
        Vector3d[] a = [Vector3d.Zero];
        Vector3d[] b = [new(1, 1, 0), new(0, 0, 1.5)];
        var l1 = ChamferDistance.Compute(a, b, DistanceNorm.Manhattan);
        Assert.Equal(1.5, l1.AToB);
        Assert.Equal((2 + 1.5) / 2, l1.BToA);
        var l2 = ChamferDistance.Compute(a, b, DistanceNorm.Euclidean);
        Assert.Equal(Math.Sqrt(2), l2.AToB, 15);
        Assert.Equal((Math.Sqrt(2) + 1.5) / 2, l2.BToA, 15);
    }

    [Fact]
    public void IsZeroForIdenticalSetsAndSwapsItsDirectionsWithItsArguments()
    {
        var points = TestShapes.RandomPoints(new SeededRandom(1), 500);
        Assert.Equal(0.0, ChamferDistance.Compute(points, points, DistanceNorm.Euclidean).Sum);
        var other = TestShapes.RandomPoints(new SeededRandom(2), 300);
        var forward = ChamferDistance.Compute(points, other, DistanceNorm.Manhattan);
        var backward = ChamferDistance.Compute(other, points, DistanceNorm.Manhattan);
        Assert.Equal(forward.AToB, backward.BToA);
        Assert.Equal(forward.BToA, backward.AToB);
    }

    [Fact]
    public void EmptyInputsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => ChamferDistance.Compute(Array.Empty<Vector3d>(), B, DistanceNorm.Euclidean));
        Assert.Throws<ArgumentException>(() => ChamferDistance.FromDistances(DistanceNorm.Euclidean, [], [1.0]));
    }
}
