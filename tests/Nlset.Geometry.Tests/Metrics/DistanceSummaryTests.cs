using Nlset.Geometry.Metrics;

namespace Nlset.Geometry.Tests.Metrics;

public class DistanceSummaryTests
{
    [Fact]
    public void PercentilesInterpolateLikeNumpy()
    {
        // numpy.percentile(range(1, 11), [90, 99]) = [9.1, 9.91]; the input order does not matter.
        double[] values = [7, 3, 10, 1, 5, 9, 2, 8, 4, 6];
        var summary = DistanceSummary.Of(values);
        Assert.Equal(5.5, summary.Mean);
        Assert.Equal(9.1, summary.P90, 14);
        Assert.Equal(9.91, summary.P99, 14);
        Assert.Equal(10.0, summary.Max);
        Assert.Equal(7.0, values[0]); // the caller's values are left in place
    }

    [Fact]
    public void ASingleValueIsEveryStatistic()
    {
        var summary = DistanceSummary.Of([0.25]);
        Assert.Equal(new DistanceSummary(0.25, 0.25, 0.25, 0.25), summary);
        Assert.Equal(0.25, DistanceSummary.Percentile([0.25], 0.0));
    }

    [Fact]
    public void BadInputsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => DistanceSummary.Of([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => DistanceSummary.Percentile([1.0], 1.5));
    }
}
