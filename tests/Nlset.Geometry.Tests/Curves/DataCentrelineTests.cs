using Nlset.Geometry.Curves;
using Nlset.Geometry.Randomness;

namespace Nlset.Geometry.Tests.Curves;

public class DataCentrelineTests
{
    /// <summary>A noisy sample of the segment x ∈ [0, 10] on the x axis: spacing 0.01 along, σ = 0.02 across.</summary>
    static Vector3d[] NoisySegment()
    {
        var random = new SeededRandom(5);
        return Enumerable.Range(0, 1001).Select(i => new Vector3d(0.01 * i, random.NextGaussian(0, 0.02), random.NextGaussian(0, 0.02))).ToArray();
    }

    [Fact]
    public void APointNearTheDataMovesOntoItsCentreLine()
    {
        var centreline = new DataCentreline(NoisySegment(), radius: 0.1);
        Assert.True(centreline.TryProject(new Vector3d(5, 0.06, -0.04), new Vector3d(1, 0, 0), out var p, out var fit));
        // Averaging ~20 points of σ 0.02 leaves ~0.005 across; the point started 0.072 away.
        Assert.True(Math.Sqrt(p.Y * p.Y + p.Z * p.Z) < 0.015, $"projected to {p}");
        Assert.True(fit.Direction.X > 0.95);
    }

    [Fact]
    public void BeyondTheEndOfTheDataThereIsNothingToProjectOnto()
    {
        var centreline = new DataCentreline(NoisySegment(), radius: 0.1);
        Assert.False(centreline.TryProject(new Vector3d(10.05, 0, 0), new Vector3d(1, 0, 0), out _, out _));
        Assert.True(centreline.TryProject(new Vector3d(10.05, 0, 0), new Vector3d(-1, 0, 0), out _, out _), "looking back, the data is there");
        Assert.False(centreline.TryAdvance(new Vector3d(9.95, 0, 0), new Vector3d(1, 0, 0), 0.05, out _, out _), "1.5 radii of nothing ahead");
    }

    [Fact]
    public void AdvancingStepsOverAHoleShorterThanTheLookAhead()
    {
        // Remove the points with x in (5, 5.12): more than a radius of nothing, less than three steps of 0.05.
        var data = NoisySegment().Where(p => p.X <= 5 || p.X >= 5.12).ToArray();
        var centreline = new DataCentreline(data, radius: 0.1);
        Assert.True(centreline.TryAdvance(new Vector3d(4.98, 0, 0), new Vector3d(1, 0, 0), 0.05, out var next, out _));
        Assert.True(next.X > 5.05, $"stepped to {next}");
    }

    [Fact]
    public void FollowingTheDataStopsWhereItEnds()
    {
        var centreline = new DataCentreline(NoisySegment(), radius: 0.1);
        Assert.Equal(1.0, centreline.Follow(new Vector3d(5, 0, 0), new Vector3d(1, 0, 0), 1.0));
        double followed = centreline.Follow(new Vector3d(9, 0.05, 0), new Vector3d(1, 0, 0), 5);
        Assert.InRange(followed, 0.8, 1.05);                          // 1 unit of data left (minus less than a radius)
        Assert.Equal(0, centreline.Follow(new Vector3d(20, 0, 0), new Vector3d(1, 0, 0), 1));
    }

    [Fact]
    public void BadSettingsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new DataCentreline([], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataCentreline([Vector3d.Zero], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataCentreline([Vector3d.Zero], 1, minimumAhead: 0));
    }
}
