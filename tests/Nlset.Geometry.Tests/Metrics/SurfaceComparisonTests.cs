using Nlset.Geometry.Metrics;
using Nlset.Geometry.Randomness;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;
using Nlset.Geometry.Spatial;

namespace Nlset.Geometry.Tests.Metrics;

public class SurfaceComparisonTests
{
    [Fact]
    public void TwoSamplingsOfOnePlaneAgreeToTheExpectedSamplingError()
    {
        // N uniform points on the unit square: the distance from a point to the nearest of N other
        // independent uniform points has P(d > r) ≈ exp(−N·|ball_r|), with |ball_r| = πr² in L2 and 2r²
        // in L1 (a diamond). So E d = ½/√N (L2) and ½√(π/2)/√N (L1), and each Chamfer sum is twice that.
        // The square's edges add (0.0514·perimeter/N)/E d ≈ 0.3 % at this N (Donnelly 1978); sampling
        // noise of the mean is ≈ 0.4 %; 3 % is far from both and far from any real sampling defect.
        const int n = 20_000;
        var plane = TestShapes.Square(cells: 2);
        var result = SurfaceComparison.Compare(plane, plane, new ComparisonOptions { Samples = n, Seed = 3 });
        double l2 = 2 * 0.5 / Math.Sqrt(n);
        double l1 = 2 * 0.5 * Math.Sqrt(Math.PI / 2) / Math.Sqrt(n);
        Assert.Equal(l2, result.ChamferL2.Sum, l2 * 0.03);
        Assert.Equal(l1, result.ChamferL1.Sum, l1 * 0.03);
        Assert.Equal(result.ChamferL2.AToB, result.ChamferL2.BToA, l2 * 0.03);
        Assert.True(result.ExactSurfaceError!.Sum < 1e-15);
        Assert.Equal(1.0, result.NormalConsistency!.Mean);
    }

    [Fact]
    public void AMeshAgainstItselfShowsTheSamplingFloorAndNoExactError()
    {
        var sphere = Icosphere.Create(3);
        var result = SurfaceComparison.Compare(sphere, sphere, new ComparisonOptions { Samples = 5000 });
        Assert.Equal((SampledAs.Surface, SampledAs.Surface, 5000, 5000),
            (result.ReconstructionSampledAs, result.ReferenceSampledAs, result.ReconstructionSamples, result.ReferenceSamples));
        // The same floor as on a plane, for this area: E d ≈ ½·√(area/N) per direction.
        double floor = 2 * 0.5 * Math.Sqrt(new SurfaceSampler(sphere).TotalMeasure / 5000);
        Assert.Equal(floor, result.ChamferL2.Sum, floor * 0.05);
        Assert.True(result.ChamferL1.Sum > result.ChamferL2.Sum);
        Assert.True(result.ExactSurfaceError!.Sum < 1e-14);
        Assert.InRange(result.NormalConsistency!.Mean, 0.99, 1.0);
        Assert.True(result.Hausdorff.Max > 0 && result.Hausdorff.Max < 0.2);
        Assert.Equal(0.01 * sphere.Bounds.Diagonal, result.FScore.Threshold, 15);
    }

    [Fact]
    public void TheSameOptionsGiveTheSameResultAndAnotherSeedAnother()
    {
        var sphere = Icosphere.Create(2);
        var options = new ComparisonOptions { Samples = 2000, Seed = 7 };
        Assert.Equal(SurfaceComparison.Compare(sphere, sphere, options), SurfaceComparison.Compare(sphere, sphere, options));
        Assert.NotEqual(SurfaceComparison.Compare(sphere, sphere, options).ChamferL2,
            SurfaceComparison.Compare(sphere, sphere, options with { Seed = 8 }).ChamferL2);
    }

    [Fact]
    public void APointSetIsUsedAsGivenAndTheReferenceIsSampledOnStreamOne()
    {
        var cloud = Mesh.PointCloud(TestShapes.RandomPoints(new SeededRandom(1), 700));
        var sphere = Icosphere.Create(2);
        var options = new ComparisonOptions { Samples = 1500, Seed = 5, FScoreThreshold = 0.05 };
        var result = SurfaceComparison.Compare(cloud, sphere, options);
        Assert.Equal((SampledAs.PointSet, SampledAs.Surface, 700, 1500),
            (result.ReconstructionSampledAs, result.ReferenceSampledAs, result.ReconstructionSamples, result.ReferenceSamples));
        Assert.Null(result.NormalConsistency);
        Assert.Null(result.ExactSurfaceError);
        var reference = new SurfaceSampler(sphere).Sample(1500, new SeededRandom(5).Stream(1)).Points;
        Assert.Equal(ChamferDistance.Compute(cloud.Vertices, reference, DistanceNorm.Euclidean), result.ChamferL2);
        Assert.Equal(ChamferDistance.Compute(cloud.Vertices, reference, DistanceNorm.Manhattan), result.ChamferL1);
        Assert.Equal(FScore.Compute(cloud.Vertices, reference, 0.05), result.FScore);
        Assert.Equal(HausdorffDistance.Compute(cloud.Vertices, reference), result.Hausdorff);
    }

    [Fact]
    public void LargePointSetsAreSubsampledOnlyWhenAsked()
    {
        var big = Mesh.PointCloud(TestShapes.RandomPoints(new SeededRandom(2), 1000));
        var small = Mesh.PointCloud(TestShapes.RandomPoints(new SeededRandom(3), 200));
        var options = new ComparisonOptions { Samples = 300, SubsamplePointSets = true };
        var result = SurfaceComparison.Compare(big, small, options);
        Assert.Equal(300, result.ReconstructionSamples);
        Assert.Equal(200, result.ReferenceSamples);
        Assert.Equal(1000, SurfaceComparison.Compare(big, small, options with { SubsamplePointSets = false }).ReconstructionSamples);
        // A subsample of a set is no nearer to the other set's points than the set itself is.
        Assert.True(result.ChamferL2.BToA >= SurfaceComparison.Compare(big, small, options with { SubsamplePointSets = false }).ChamferL2.BToA);
    }

    [Fact]
    public void CurvesAreSampledByLength()
    {
        var line = new Mesh([new(0, 0, 0), new(1, 0, 0)], polylines: [[0, 1]]);
        var shifted = new Mesh([new(0, 0.1, 0), new(1, 0.1, 0)], polylines: [[0, 1]]);
        var result = SurfaceComparison.Compare(line, shifted, new ComparisonOptions { Samples = 4000 });
        Assert.Equal(SampledAs.Curve, result.ReconstructionSampledAs);
        Assert.Null(result.NormalConsistency);
        Assert.Null(result.ExactSurfaceError);
        // Every sample is at least 0.1 from the other line; with dense samples barely more.
        Assert.InRange(result.ChamferL2.AToB, 0.1, 0.1001);
    }

    [Fact]
    public void UnusableInputsAreBadInputNamingTheSide()
    {
        var square = TestShapes.Square();
        var options = new ComparisonOptions { Samples = 100 };
        var flat = new Mesh([new(0, 0, 0), new(1, 0, 0), new(2, 0, 0)], triangles: [0, 1, 2]);
        Assert.StartsWith("reconstruction:", Assert.Throws<InvalidInputException>(() => SurfaceComparison.Compare(flat, square, options)).Message);
        Assert.StartsWith("reference:", Assert.Throws<InvalidInputException>(() => SurfaceComparison.Compare(square, Mesh.PointCloud([]), options)).Message);
        Assert.StartsWith("reference:", Assert.Throws<InvalidInputException>(() => SurfaceComparison.Compare(square, Mesh.PointCloud([new(0, double.NaN, 0)]), options)).Message);
        Assert.Throws<InvalidInputException>(() => SurfaceComparison.Compare(square, square, options with { Samples = 0 }));
        Assert.Throws<InvalidInputException>(() => SurfaceComparison.Compare(square, square, options with { FScoreThreshold = -1 }));
        // A one-point reference has no extent to take a default threshold from, but a given one works.
        var point = Mesh.PointCloud([new(0.5, 0.5, 0)]);
        Assert.Contains("threshold", Assert.Throws<InvalidInputException>(() => SurfaceComparison.Compare(square, point, options)).Message);
        Assert.Equal(1.0, SurfaceComparison.Compare(square, point, options with { FScoreThreshold = 1 }).FScore.Recall);
    }
}
