using Nlset.Geometry.Metrics;

namespace Nlset.Geometry.Tests.Metrics;

public class HausdorffDistanceTests
{
    [Fact]
    public void HandComputedDirectionsAndMaximum()
    {
        // A = {(0,0,0), (1,0,0), (0,3,4)}, B = {(0,0,0), (0,0,1)}:
        // A→B: 0, 1, and |(0,3,4) − (0,0,1)| = √18 → √18;  B→A: 0, 1 → 1.
        Vector3d[] a = [new(0, 0, 0), new(1, 0, 0), new(0, 3, 4)];
        Vector3d[] b = [new(0, 0, 0), new(0, 0, 1)];
        var h = HausdorffDistance.Compute(a, b);
        Assert.Equal(Math.Sqrt(18), h.AToB, 15);
        Assert.Equal(1.0, h.BToA);
        Assert.Equal(Math.Sqrt(18), h.Max, 15);
        Assert.Equal(h.AToB, HausdorffDistance.Compute(b, a).BToA);
    }

    [Fact]
    public void IsZeroForIdenticalSetsAndRejectsEmptyOnes()
    {
        Vector3d[] a = [new(1, 2, 3), new(4, 5, 6)];
        Assert.Equal(0.0, HausdorffDistance.Compute(a, a).Max);
        Assert.Throws<ArgumentException>(() => HausdorffDistance.FromDistances([], [1.0]));
    }
}
