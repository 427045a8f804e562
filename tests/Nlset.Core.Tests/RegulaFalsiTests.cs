using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Core.Tests;

public class RegulaFalsiTests
{
    [Fact]
    public void ZeroOfASteepPowerIsFoundOnAOneDimensionalSegment()
    {
        // x¹⁰ − 1 on [0, 1.3]: convex and steep, so plain false position keeps the right end forever and crawls in
        // from the left; Illinois halves the stale end's value and converges superlinearly.
        using var scope = NewDisposeScope();
        var a = zeros(1, 1, dtype: ScalarType.Float64);
        var b = full(1, 1, 1.3, dtype: ScalarType.Float64);
        Func<Tensor, Tensor> power = x => x.pow(10).squeeze(1) - 1;
        var found = new RegulaFalsi(tolerance: 1e-12, maxIterations: 30).Solve(power, a, b);
        Assert.True(found.Converged[0].item<bool>());
        Assert.True(found.Bracketed[0].item<bool>());
        Assert.Equal(1.0, found.Points[0, 0].item<double>(), 12);
        Assert.Equal(1 / 1.3, found.Parameters[0].item<double>(), 12);
        Assert.True(Math.Abs(found.Values[0].item<double>()) < 1e-12);

        // The same budget of plain false position is still far off: the Illinois modification is doing the work.
        var plain = PlainFalsePosition(x => Math.Pow(x, 10) - 1, 0, 1.3, 30);
        Assert.True(Math.Abs(plain - 1) > 1e-3, $"plain false position reached {plain}");
    }

    static double PlainFalsePosition(Func<double, double> f, double left, double right, int iterations)
    {
        double fl = f(left), fr = f(right), x = left;
        for (var i = 0; i < iterations; i++)
        {
            x = (left * fr - right * fl) / (fr - fl);
            var fx = f(x);
            if (fx * fr > 0) { right = x; fr = fx; } else { left = x; fl = fx; }
        }
        return x;
    }

    [Fact]
    public void LinearFieldIsSolvedExactlyInOneInterpolation()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(61, CPU);
        var a = randn(100, 2, dtype: ScalarType.Float64, generator: generator) - 2;      // mostly on the negative side
        var b = randn(100, 2, dtype: ScalarType.Float64, generator: generator) + 2;
        var normal = tensor(new[] { 0.6, 0.8 });
        Func<Tensor, Tensor> field = x => x.matmul(normal) - 0.25;
        var result = new RegulaFalsi(maxIterations: 1).Solve(field, a, b);

        var fa = field(a);
        var fb = field(b);
        var bracketed = (fa * fb) <= 0;
        Assert.True(TensorAssert.Identical(bracketed, result.Bracketed));
        var expectedT = fa / (fa - fb);
        var expectedPoints = a + expectedT.unsqueeze(1) * (b - a);
        var mask = bracketed;
        Assert.True(TensorAssert.MaxAbsDifference(result.Points[mask], expectedPoints[mask]) < 1e-12);
        Assert.True(TensorAssert.MaxAbsDifference(result.Parameters[mask], expectedT[mask]) < 1e-12);
        Assert.True(result.Converged[mask].all().item<bool>());
        Assert.True((result.Values[mask].abs() < 1e-12).all().item<bool>());
    }

    [Fact]
    public void UnbracketedSegmentsAreReportedAndKeepTheirBetterEnd()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new[] { 2.0, 0.0, -3.0, 0.0 }).view(2, 2);
        var b = tensor(new[] { 3.0, 0.0, -1.0, 0.0 }).view(2, 2);
        Func<Tensor, Tensor> field = x => x[.., 0] - 1.0;                              // zero at x = 1
        var result = new RegulaFalsi().Solve(field, a, b);
        Assert.Equal(new[] { false, false }, result.Bracketed.data<bool>().ToArray());
        Assert.Equal(new[] { false, false }, result.Converged.data<bool>().ToArray());
        Assert.Equal(new[] { 2.0, 0.0, -1.0, 0.0 }, result.Points.flatten().data<double>().ToArray());
        Assert.Equal(new[] { 0.0, 1.0 }, result.Parameters.data<double>().ToArray());
    }

    [Fact]
    public void NetworkZerosAreFoundBetweenInsideAndOutside()
    {
        using var scope = NewDisposeScope();
        using var network = new ImplicitNetwork(NetworkSpec.Parse("3x64"), new Generator(62, CPU));
        var directions = randn(300, 3, generator: new Generator(63, CPU));
        directions /= directions.norm(dim: 1, keepdim: true);
        var inside = directions * 0.05f;                                          // F ≈ −r near the origin
        var outside = directions * 3f;                                            // F ≈ 3 − r far away
        var result = new RegulaFalsi(chunkSize: 64).Solve(x => network.call(x), inside, outside);
        Assert.True(result.Bracketed.all().item<bool>());
        Assert.True(result.Converged.all().item<bool>(), $"{result.Converged.sum().item<long>()} of 300 converged");
        using var noGrad = no_grad();
        Assert.True((network.call(result.Points).abs() < 1e-5).all().item<bool>());
        foreach (var (_, parameter) in network.named_parameters()) Assert.Null(parameter.grad);
    }

    [Fact]
    public void FieldOfRowsSeesTheRowsItIsEvaluatedAt()
    {
        using var scope = NewDisposeScope();
        var thresholds = linspace(0.1, 0.9, 20, dtype: ScalarType.Float64);
        var a = zeros(20, 1, dtype: ScalarType.Float64);
        var b = ones(20, 1, dtype: ScalarType.Float64);
        var result = new RegulaFalsi(chunkSize: 3).Solve((x, rows) => x.squeeze(1).pow(2) - thresholds.index_select(0, rows), a, b);
        Assert.True(result.Converged.all().item<bool>());
        Assert.True(TensorAssert.MaxAbsDifference(result.Points.squeeze(1), thresholds.sqrt()) < 1e-5);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentOutOfRangeException>(() => new RegulaFalsi(tolerance: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RegulaFalsi(maxIterations: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RegulaFalsi(chunkSize: 0));
        var solver = new RegulaFalsi();
        Assert.Throws<ArgumentException>(() => solver.Solve(x => x.sum(1), ones(3, 2), ones(4, 2)));
        Assert.Throws<ArgumentException>(() => solver.Solve(x => x.sum(1), ones(0, 2), ones(0, 2)));
        Assert.Throws<ArgumentException>(() => solver.Solve(x => x, ones(3, 2), ones(3, 2)));           // not scalar
    }
}
