using Nlset.Geometry.Curves;
using Nlset.Geometry.Randomness;

namespace Nlset.Geometry.Tests.Curves;

public class CloudScaleTests
{
    [Fact]
    public void EvenlySpacedPointsOnALineHaveTheirSpacingAndNoNoise()
    {
        var points = Enumerable.Range(0, 200).Select(i => new Vector3d(0.1 * i, 0, 0)).ToArray();
        var scale = CloudScale.Of(points);
        Assert.Equal(0.1, scale.Spacing, 12);
        Assert.Equal(0.3, scale.Reach, 12);                            // the 6th neighbour: 3 on each side
        Assert.Equal(0, scale.Noise, 9);
    }

    [Fact]
    public void TheNoiseAcrossANoisyLineIsEstimated()
    {
        // 4,000 points along 40 units (spacing 0.01 along), Gaussian noise σ = 0.02 on y and z: the estimate is the
        // median of per-neighbourhood deviations, so a few per cent low; far from the spacing.
        var random = new SeededRandom(3);
        var points = Enumerable.Range(0, 4000).Select(i => new Vector3d(0.01 * i, random.NextGaussian(0, 0.02), random.NextGaussian(0, 0.02))).ToArray();
        var scale = CloudScale.Of(points);
        Assert.InRange(scale.Noise, 0.017, 0.021);
    }

    [Fact]
    public void OnePointHasNoScale() =>
        Assert.Throws<InvalidInputException>(() => CloudScale.Of([Vector3d.Zero]));
}
