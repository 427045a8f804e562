using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Core.Tests;

public class LevelSetProjectorTests
{
    static Tensor RandomPoints(long n, int d, ulong seed, double scale = 1.5, ScalarType dtype = ScalarType.Float64)
    {
        var generator = new Generator(seed, CPU);
        return (rand(n, d, dtype: dtype, generator: generator) * 2 - 1) * scale;
    }

    [Fact]
    public void SignedDistanceSphereIsReachedInOneStepRadially()
    {
        using var scope = NewDisposeScope();
        var points = RandomPoints(500, 3, 1) + 0.01;
        var projection = new LevelSetProjector().Project(AnalyticFields.SphereDistance(0.7), points);

        // |∇F| = 1 and F is the distance: one Newton step lands exactly on the sphere, along the ray from the centre.
        Assert.Equal(500, projection.ConvergedCount);
        Assert.Equal(1, projection.Iterations);
        var radii = projection.Points.norm(dim: 1);
        Assert.True((radii - 0.7).abs().max().item<double>() < 1e-12);
        var directionBefore = points / points.norm(dim: 1, keepdim: true);
        var directionAfter = projection.Points / radii.unsqueeze(1);
        Assert.True((directionBefore - directionAfter).abs().max().item<double>() < 1e-12);
    }

    [Fact]
    public void SquaredSphereTakesTheNewtonRecurrencesNumberOfSteps()
    {
        using var scope = NewDisposeScope();
        var startRadii = new[] { 0.3, 0.9, 1.01, 2.0, 5.0, 40.0 };
        var points = tensor(startRadii.SelectMany(r => new[] { r * 0.6, 0.0, r * 0.8 }).ToArray()).view(-1, 3);
        var projector = new LevelSetProjector(tolerance: 1e-5, maxIterations: 20);
        var projection = projector.Project(AnalyticFields.SphereSquared(1.0), points);

        // Oracle: Newton on r² − 1 along the ray, r ← (r² + 1)/(2r), stopping when |r² − 1| < tol.
        var expected = startRadii.Select(r =>
        {
            var steps = 0;
            while (Math.Abs(r * r - 1) >= 1e-5) { r = (r * r + 1) / (2 * r); steps++; }
            return (long)steps;
        }).ToArray();
        Assert.Equal(expected, projection.Steps.data<long>().ToArray());
        Assert.Equal(new long[] { 5, 3, 2, 4, 5, 9 }, expected);        // quadratic convergence, counted
        Assert.True(projection.Converged.all().item<bool>());
        Assert.True((projection.Values.abs() < 1e-5).all().item<bool>());
        Assert.Equal((int)expected.Max(), projection.Iterations);
    }

    [Fact]
    public void PlaneIsAnOrthogonalProjectionInOneStep()
    {
        // Lemma 1: for a linear function the generalized Newton step is the orthogonal projection onto its zero set.
        using var scope = NewDisposeScope();
        var normal = new[] { 1.0, -2.0, 0.5 };
        var points = RandomPoints(200, 3, 2, 4.0);
        var projection = new LevelSetProjector().Project(AnalyticFields.Plane(normal, 0.3), points);

        var n = tensor(normal);
        var expected = points - ((points.matmul(n) - 0.3) / n.dot(n)).unsqueeze(1) * n;
        Assert.True((projection.Points - expected).abs().max().item<double>() < 1e-12);
        Assert.Equal(1, projection.Iterations);
        Assert.Equal(new long[] { 200, 1, 3 }, projection.Jacobian.shape);
        Assert.True((projection.Jacobian[.., 0] - n).abs().max().item<double>() < 1e-12);
    }

    [Fact]
    public void ZeroGradientLeavesThePointFiniteAndUnconverged()
    {
        using var scope = NewDisposeScope();
        // The centre of ‖x‖² − 1 has ∇F = 0; ‖x‖ − 1 has an undefined gradient there. Neither may produce NaN.
        var points = tensor(new[] { 0.0, 0.0, 0.0, 2.0, 0.0, 0.0 }).view(2, 3);
        foreach (var field in new[] { AnalyticFields.SphereSquared(1.0), AnalyticFields.SphereDistance(1.0) })
        {
            var projection = new LevelSetProjector().Project(field, points);
            var converged = projection.Converged.data<bool>().ToArray();
            Assert.False(converged[0]);
            Assert.True(converged[1]);
            Assert.True(projection.Points.isfinite().all().item<bool>());
            Assert.True(projection.Values.isfinite().all().item<bool>());
            Assert.True(projection.Jacobian.isfinite().all().item<bool>());
            Assert.Equal(new[] { 0.0, 0.0, 0.0 }, projection.Points[0].data<double>().ToArray());
            Assert.Equal(-1.0, projection.Values[0, 0].item<double>(), 12);   // the level it actually has
            Assert.Equal(10, projection.Steps[0].item<long>());               // tried every iteration
        }
    }

    [Fact]
    public void TwoPlanesAreProjectedOrthogonallyOntoTheirIntersectionLine()
    {
        using var scope = NewDisposeScope();
        double[] n1 = { 1, 0.5, 0 }, n2 = { 0.2, -1, 1 };
        var points = RandomPoints(300, 3, 3, 3.0);
        var projection = new LevelSetProjector().Project(AnalyticFields.TwoPlanes(n1, 0.4, n2, -0.2), points);

        // Oracle (Lemma 1): p − Aᵀ (A Aᵀ)⁻¹ (A p − b), computed with torch's general inverse.
        var a = tensor(n1.Concat(n2).ToArray()).view(2, 3);
        var b = tensor(new[] { 0.4, -0.2 });
        var residual = points.matmul(a.T) - b;
        var expected = points - residual.matmul(linalg.inv(a.matmul(a.T))).matmul(a);
        Assert.True((projection.Points - expected).abs().max().item<double>() < 1e-12);
        Assert.Equal(1, projection.Iterations);
        Assert.Equal(new long[] { 300, 2, 3 }, projection.Jacobian.shape);
        Assert.Equal(new long[] { 300, 2 }, projection.Values.shape);
    }

    [Fact]
    public void SphereAndPlaneAreProjectedOntoTheirCircleInAFewSteps()
    {
        using var scope = NewDisposeScope();
        var points = RandomPoints(400, 3, 4, 2.0);
        points = points[(points[.., 0].abs() + points[.., 1].abs()) > 0.1];   // away from the circle's axis
        var projection = new LevelSetProjector().Project(AnalyticFields.EquatorCircle(1.2), points);

        Assert.True(projection.Converged.all().item<bool>());
        var p = projection.Points;
        Assert.True((p.norm(dim: 1) - 1.2).abs().max().item<double>() < 1e-5);
        Assert.True(p[.., 2].abs().max().item<double>() < 1e-5);
        Assert.InRange(projection.Iterations, 2, 6);
        // Newton on (‖x‖ − r, z) keeps the azimuth: the point lands above/below where it started.
        var azimuthBefore = atan2(points[.., 1], points[.., 0]);
        var azimuthAfter = atan2(p[.., 1], p[.., 0]);
        Assert.True((azimuthBefore - azimuthAfter).abs().max().item<double>() < 1e-9);
    }

    [Fact]
    public void PerPointLevelsAreEachReached()
    {
        using var scope = NewDisposeScope();
        var points = RandomPoints(100, 3, 5, 2.0) + 0.05;
        var levels = linspace(-0.5, 1.0, 100, dtype: ScalarType.Float64);
        var projection = new LevelSetProjector().Project(AnalyticFields.SphereDistance(1.0), points, levels);
        Assert.True((projection.Points.norm(dim: 1) - (levels + 1.0)).abs().max().item<double>() < 1e-12);
        Assert.True((projection.Values.squeeze(1) - levels).abs().max().item<double>() < 1e-12);

        var levelsAsRows = levels.unsqueeze(1);                                   // [N, l] is accepted too
        var again = new LevelSetProjector().Project(AnalyticFields.SphereDistance(1.0), points, levelsAsRows);
        Assert.True(TensorAssert.Identical(again.Points, projection.Points));
    }

    [Fact]
    public void FieldOfRowsSeesTheRowsItIsEvaluatedAt()
    {
        // Each point has its own sphere (as a classifier margin has its own label); chunking and the shrinking active
        // set must hand the field the matching row indices.
        using var scope = NewDisposeScope();
        var points = RandomPoints(50, 3, 6, 2.0) + 0.05;
        var radii = linspace(0.2, 2.0, 50, dtype: ScalarType.Float64);
        Tensor Field(Tensor x, Tensor rows) => x.square().sum(1) - radii.index_select(0, rows).square();
        var projection = new LevelSetProjector(chunkSize: 7).Project(Field, points, tensor(0.0));
        Assert.True(projection.Converged.all().item<bool>());
        Assert.True((projection.Points.norm(dim: 1) - radii).abs().max().item<double>() < 1e-5);
    }

    [Fact]
    public void ChunkingGivesTheSameResultAsOneChunk()
    {
        using var scope = NewDisposeScope();
        var points = RandomPoints(257, 3, 7, 2.0);
        var field = AnalyticFields.EquatorCircle(1.0);
        var whole = new LevelSetProjector(chunkSize: 1000).Project(field, points);
        var chunked = new LevelSetProjector(chunkSize: 10).Project(field, points);
        Assert.True(TensorAssert.Identical(whole.Points, chunked.Points));
        Assert.True(TensorAssert.Identical(whole.Values, chunked.Values));
        Assert.True(TensorAssert.Identical(whole.Jacobian, chunked.Jacobian));
        Assert.True(TensorAssert.Identical(whole.Converged, chunked.Converged));
        Assert.True(TensorAssert.Identical(whole.Steps, chunked.Steps));

        // Through a network, float rounding may differ with the batch size, but only in the last bits.
        using var network = new ImplicitNetwork(NetworkSpec.Parse("3x32"), new Generator(8, CPU));
        var floatPoints = points.to_type(ScalarType.Float32);
        var netWhole = new LevelSetProjector(chunkSize: 1000).Project(network.call, floatPoints);
        var netChunked = new LevelSetProjector(chunkSize: 10).Project(network.call, floatPoints);
        Assert.True(netWhole.Points.allclose(netChunked.Points, rtol: 0, atol: 1e-5));
        Assert.True(TensorAssert.Identical(netWhole.Converged, netChunked.Converged));
    }

    [Fact]
    public void ProjectingThroughANetworkConvergesAndLeavesNoParameterGradients()
    {
        using var scope = NewDisposeScope();
        using var network = new ImplicitNetwork(NetworkSpec.Parse("4x64"), new Generator(9, CPU));
        var points = RandomPoints(500, 3, 10, 1.5, ScalarType.Float32);
        var projection = new LevelSetProjector().Project(network.call, points);

        Assert.True(projection.ConvergedCount >= 490, $"{projection.ConvergedCount} of 500 converged");
        Assert.True((projection.Values.abs()[projection.Converged] < 1e-5).all().item<bool>());
        foreach (var (name, parameter) in network.named_parameters())
            Assert.True(parameter.grad is null, $"{name} got a .grad from the projection");
        Assert.False(projection.Points.requires_grad);
        Assert.False(projection.Jacobian.requires_grad);
        // The caller's points are not moved in place.
        Assert.True(TensorAssert.Identical(points, RandomPoints(500, 3, 10, 1.5, ScalarType.Float32)));
    }

    [Fact]
    public void ImageShapedPointsKeepTheirShapeAndJacobianIsFlat()
    {
        using var scope = NewDisposeScope();
        var points = RandomPoints(6, 12, 11).view(6, 1, 3, 4);
        var weights = linspace(-1, 1, 12, dtype: ScalarType.Float64);
        var projection = new LevelSetProjector().Project(x => x.reshape(x.shape[0], -1).matmul(weights) - 0.1, points);
        Assert.Equal(new long[] { 6, 1, 3, 4 }, projection.Points.shape);
        Assert.Equal(new long[] { 6, 1, 12 }, projection.Jacobian.shape);
        Assert.True(projection.Converged.all().item<bool>());
    }

    [Fact]
    public void MaxIterationsZeroOnlyEvaluates()
    {
        using var scope = NewDisposeScope();
        var points = RandomPoints(10, 3, 12, 2.0) + 0.1;
        var projection = new LevelSetProjector(maxIterations: 0).Project(AnalyticFields.SphereDistance(1.0), points);
        Assert.True(TensorAssert.Identical(projection.Points, points));
        Assert.True((projection.Values.squeeze(1) - (points.norm(dim: 1) - 1)).abs().max().item<double>() < 1e-12);
        Assert.Equal(0, projection.Iterations);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentOutOfRangeException>(() => new LevelSetProjector(tolerance: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LevelSetProjector(tolerance: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LevelSetProjector(maxIterations: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LevelSetProjector(chunkSize: 0));
        var projector = new LevelSetProjector();
        var sphere = AnalyticFields.SphereDistance(1.0);
        Assert.Throws<ArgumentException>(() => projector.Project(sphere, zeros(0, 3)));
        Assert.Throws<ArgumentException>(() => projector.Project(sphere, ones(5)));
        Assert.Throws<ArgumentException>(() => projector.Project(sphere, ones(5, 3), ones(4)));
        Assert.Throws<ArgumentException>(() => projector.Project(x => x, ones(5, 3)));            // 3 outputs
        Assert.Throws<ArgumentException>(() => projector.Project(sphere, ones(5, 3), ones(5, 2))); // l = 1 field, 2 levels
    }
}
