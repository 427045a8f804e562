using Nlset.Geometry.Curves;

namespace Nlset.Geometry.Tests.Curves;

public class LineFitTests
{
    [Fact]
    public void PointsSymmetricAboutALineGiveThatLineAndTheirSpreadAcross()
    {
        // Along d = (1, 2, 2)/3 through c = (1, −1, 0.5), each station with two points ±0.1 along a perpendicular e.
        var c = new Vector3d(1, -1, 0.5);
        var d = new Vector3d(1, 2, 2) / 3;
        var e = new Vector3d(2, -1, 0).Normalized();
        var points = new List<Vector3d>();
        for (int k = -5; k <= 5; k++)
        {
            points.Add(c + d * k + e * 0.1);
            points.Add(c + d * k - e * 0.1);
        }
        var weights = Enumerable.Repeat(1.0, points.Count).ToArray();
        var fit = LineFit.Of([.. points], weights, new Vector3d(-1, 0, 0));

        Assert.Equal(0, (fit.Centroid - c).Length, 12);
        Assert.Equal(1, Math.Abs(Vector3d.Dot(fit.Direction, d)), 10);
        Assert.True(Vector3d.Dot(fit.Direction, new Vector3d(-1, 0, 0)) > 0, "the direction takes the guess's side");
        Assert.Equal(0.01, fit.AcrossVariance, 10);
        Assert.Equal(0, (fit.Nearest(c + d * 3 + e * 0.4) - (c + d * 3)).Length, 10);
    }

    [Fact]
    public void WeightsPullTheCentroid()
    {
        var fit = LineFit.Of([new Vector3d(0, 0, 0), new Vector3d(1, 0, 0)], [3.0, 1.0], new Vector3d(1, 0, 0));
        Assert.Equal(0.25, fit.Centroid.X, 12);
        Assert.Equal(1, fit.Direction.X, 10);
    }

    [Fact]
    public void AGuessAtRightAnglesStillFindsTheLine()
    {
        var fit = LineFit.Of([new Vector3d(0, 0, -1), new Vector3d(0, 0, 0), new Vector3d(0, 0, 1)], [1.0, 1.0, 1.0], new Vector3d(1, 0, 0));
        Assert.Equal(1, Math.Abs(fit.Direction.Z), 10);
        Assert.Equal(0, fit.AcrossVariance, 12);
    }

    [Fact]
    public void BadInputIsRefused()
    {
        Assert.Throws<ArgumentException>(() => LineFit.Of([], [], new Vector3d(1, 0, 0)));
        Assert.Throws<ArgumentException>(() => LineFit.Of([Vector3d.Zero], [1.0, 2.0], new Vector3d(1, 0, 0)));
        Assert.Throws<ArgumentException>(() => LineFit.Of([Vector3d.Zero], [0.0], new Vector3d(1, 0, 0)));
    }
}
