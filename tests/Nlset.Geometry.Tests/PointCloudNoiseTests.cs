using Nlset.Geometry.Randomness;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;

namespace Nlset.Geometry.Tests;

public class PointCloudNoiseTests
{
    [Fact]
    public void EigenvaluesOfARotatedDiagonalMatrixAreItsDiagonal()
    {
        // R diag(1, 2, 5) Rᵀ for a rotation R about (1, 1, 1) by 0.7 rad, written out in full.
        var axis = new Vector3d(1, 1, 1).Normalized();
        double angle = 0.7, c = Math.Cos(angle), s = Math.Sin(angle);
        double[,] r = new double[3, 3];
        var u = new[] { axis.X, axis.Y, axis.Z };
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                r[i, j] = (i == j ? c : 0) + (1 - c) * u[i] * u[j] + s * Cross(i, j, u);
        double[] lambda = [1, 2, 5];
        double M(int i, int j) => Enumerable.Range(0, 3).Sum(k => r[i, k] * lambda[k] * r[j, k]);
        var (low, mid, high) = SymmetricEigenvalues3.Of([M(0, 0), M(0, 1), M(0, 2), M(1, 1), M(1, 2), M(2, 2)]);
        Assert.Equal(1, low, 10);
        Assert.Equal(2, mid, 10);
        Assert.Equal(5, high, 10);
    }

    static double Cross(int i, int j, double[] u) => (i, j) switch
    {
        (0, 1) => -u[2], (1, 0) => u[2], (0, 2) => u[1], (2, 0) => -u[1], (1, 2) => -u[0], (2, 1) => u[0], _ => 0,
    };

    [Theory]
    [InlineData(3, 0, 0, 3, 0, 3, 3, 3, 3)]          // a multiple of the identity
    [InlineData(4, 0, 0, 1, 0, 2, 1, 2, 4)]          // diagonal, unsorted
    [InlineData(2, 1, 0, 2, 0, 0, 0, 1, 3)]          // a 2 × 2 block [[2, 1], [1, 2]] and a zero
    public void EigenvaluesOfSmallCasesAreExactAndAscending(double xx, double xy, double xz, double yy, double yz, double zz,
        double low, double mid, double high)
    {
        var e = SymmetricEigenvalues3.Of([xx, xy, xz, yy, yz, zz]);
        Assert.Equal(low, e.Low, 12);
        Assert.Equal(mid, e.Mid, 12);
        Assert.Equal(high, e.High, 12);
    }

    [Fact]
    public void PointsOnAPlaneHaveNoNoise()
    {
        var random = new SeededRandom(1);
        var plane = Enumerable.Range(0, 5000).Select(_ => new Vector3d(random.NextDouble(), random.NextDouble(), 0.25)).ToArray();
        var noise = PointCloudNoise.Estimate(plane);
        // The closed-form smallest eigenvalue is exact to ~1e-16 of the largest, so √λ_min to ~1e-8 of the spread.
        Assert.True(noise.Sigma < 1e-8, $"σ = {noise.Sigma}");
        Assert.True(noise.Roughness < 1e-6, $"roughness = {noise.Roughness}");
        Assert.InRange(noise.Spread, 0.01, 0.05);         // 16 neighbours of 5,000 points in a unit square span ~0.03
    }

    [Fact]
    public void GaussianNoiseAcrossAPlaneIsMeasuredAsItsSigma()
    {
        var random = new SeededRandom(2);
        const double sigma = 0.002;
        var noisy = Enumerable.Range(0, 20000)
            .Select(_ => new Vector3d(random.NextDouble(), random.NextDouble(), random.NextGaussian(0, sigma))).ToArray();
        var noise = PointCloudNoise.Estimate(noisy);
        // The plane is fitted to the neighbours themselves, which takes some of their spread: a little under σ.
        Assert.InRange(noise.Sigma, 0.7 * sigma, 1.05 * sigma);
    }

    [Fact]
    public void CleanAndNoisySamplesOfASphereAreTold()
    {
        var sphere = Icosphere.Create(5, radius: 0.5);
        var clean = PointCloudNoise.Estimate(SurfaceSampler.SamplePointCloud(sphere, 30000, seed: 3).Vertices);
        var noisy = PointCloudNoise.Estimate(SurfaceSampler.SamplePointCloud(sphere, 30000, seed: 3, noiseSigma: 0.0025).Vertices);
        Assert.True(clean.Roughness < 0.05, $"clean roughness {clean.Roughness}");
        Assert.True(noisy.Roughness > 0.1, $"noisy roughness {noisy.Roughness}");
    }

    [Fact]
    public void TooFewPointsAreRefused()
    {
        var few = Enumerable.Range(0, 10).Select(i => new Vector3d(i, 0, 0)).ToArray();
        var error = Assert.Throws<InvalidInputException>(() => PointCloudNoise.Estimate(few));
        Assert.Contains("at least 16 points", error.Message);
    }
}
