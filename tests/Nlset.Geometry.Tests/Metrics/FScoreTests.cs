using Nlset.Geometry.Metrics;

namespace Nlset.Geometry.Tests.Metrics;

public class FScoreTests
{
    [Fact]
    public void HandComputedPrecisionRecallAndF()
    {
        // A = {0, 1, 2} on the x axis, B = {0.05, 5}, τ = 0.1: only a = 0 is within τ of B (P = 1/3),
        // only b = 0.05 within τ of A (R = 1/2); F = 2·(1/6)/(5/6) = 0.4.
        Vector3d[] a = [new(0, 0, 0), new(1, 0, 0), new(2, 0, 0)];
        Vector3d[] b = [new(0.05, 0, 0), new(5, 0, 0)];
        var f = FScore.Compute(a, b, 0.1);
        Assert.Equal(1.0 / 3, f.Precision, 15);
        Assert.Equal(0.5, f.Recall);
        Assert.Equal(0.4, f.F, 15);
        Assert.Equal(0.1, f.Threshold);
    }

    [Fact]
    public void ADistanceExactlyAtTheThresholdCounts()
    {
        var f = FScore.Compute(new[] { Vector3d.Zero }, new[] { new Vector3d(0.25, 0, 0) }, 0.25);
        Assert.Equal(1.0, f.F);
    }

    [Fact]
    public void IsZeroWhenNothingIsWithinTheThreshold()
    {
        var f = FScore.FromDistances(0.1, [1.0, 2.0], [3.0]);
        Assert.Equal(0.0, f.Precision);
        Assert.Equal(0.0, f.Recall);
        Assert.Equal(0.0, f.F);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void TheThresholdMustBePositiveAndFinite(double threshold) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FScore.FromDistances(threshold, [1.0], [1.0]));
}
