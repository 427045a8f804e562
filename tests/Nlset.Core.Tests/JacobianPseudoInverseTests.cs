using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Core.Tests;

public class JacobianPseudoInverseTests
{
    [Theory]
    [InlineData(1, 3)]
    [InlineData(1, 784)]
    [InlineData(2, 3)]
    [InlineData(2, 50)]
    public void WellConditionedJacobiansGetTheMoorePenroseInverse(int l, int d)
    {
        using var scope = NewDisposeScope();
        var jacobian = randn(64, l, d, dtype: ScalarType.Float64, generator: new Generator((ulong)(l * 1000 + d), CPU));
        var expected = linalg.pinv(jacobian);                                     // SVD-based, independent of ours
        var actual = JacobianPseudoInverse.Of(jacobian);
        Assert.Equal(new long[] { 64, d, l }, actual.shape);
        Assert.True(TensorAssert.MaxAbsDifference(actual, expected) < 1e-10);
    }

    [Fact]
    public void ScalarCaseIsEquationFiveWithTheFloor()
    {
        using var scope = NewDisposeScope();
        var gradients = tensor(new[] { 3.0, 4.0, 0.0, 1e-4, 0.0, 0.0, 0.0, 0.0, 0.0 }).view(3, 1, 3);
        var inverse = JacobianPseudoInverse.Of(gradients).squeeze(2);
        Assert.Equal(new[] { 3.0 / 25, 4.0 / 25, 0.0 }, inverse[0].data<double>().ToArray());
        Assert.Equal(1e-4 / 1e-6, inverse[1, 0].item<double>(), 9);            // ‖∇F‖² = 1e-8 clamped to 1e-6
        Assert.Equal(new[] { 0.0, 0.0, 0.0 }, inverse[2].data<double>().ToArray());   // ∇F = 0: no step, no NaN
    }

    [Fact]
    public void IdenticalRowsStillGiveTheMoorePenroseInverse()
    {
        // J Jᵀ is singular; clamping its zero eigenvalue changes nothing, because Jᵀ annihilates that eigenvector.
        using var scope = NewDisposeScope();
        var row = tensor(new[] { 0.3, -1.2, 0.4 });
        var jacobian = stack(new[] { row, row }).unsqueeze(0);
        var actual = JacobianPseudoInverse.Of(jacobian);
        Assert.True(actual.isfinite().all().item<bool>());
        var difference = TensorAssert.MaxAbsDifference(actual, linalg.pinv(jacobian));
        Assert.True(difference < 1e-9, $"differs by {difference}");
    }

    [Fact]
    public void NearlyParallelRowsGiveABoundedStep()
    {
        using var scope = NewDisposeScope();
        var angles = tensor(new[] { 1e-9, 1e-6, 1e-4, 1e-3, 1e-2 });
        var jacobian = stack(new[]
        {
            stack(new[] { ones_like(angles), zeros_like(angles), zeros_like(angles) }, 1),
            stack(new[] { angles.cos(), angles.sin(), zeros_like(angles) }, 1),
        }, 1);                                                                      // [5, 2, 3], unit rows
        var inverse = JacobianPseudoInverse.Of(jacobian);
        var residual = tensor(new[] { 1.0, -1.0 }).expand(5, 2).unsqueeze(2);
        var step = inverse.bmm(residual).squeeze(2).norm(dim: 1);
        Assert.True(step.isfinite().all().item<bool>());
        // Each singular value σ of J maps to σ / max(σ², 1e-6) ≤ 1/√1e-6 = 1000 per unit of residual.
        Assert.True((step <= 1000 * Math.Sqrt(2) + 1e-9).all().item<bool>());
        // Where the smaller eigenvalue of J Jᵀ (≈ angle²/2) clears the floor the inverse is exact again.
        var exact = linalg.pinv(jacobian[4..5]);
        Assert.True(TensorAssert.MaxAbsDifference(inverse[4..5], exact) < 1e-9);
    }

    [Fact]
    public void Float32JacobiansStayFloat32()
    {
        using var scope = NewDisposeScope();
        var jacobian = randn(10, 2, 3, generator: new Generator(3, CPU));
        var inverse = JacobianPseudoInverse.Of(jacobian);
        Assert.Equal(ScalarType.Float32, inverse.dtype);
        Assert.True(TensorAssert.MaxAbsDifference(inverse, linalg.pinv(jacobian)) < 1e-4);
    }

    [Fact]
    public void WrongShapesAreRejected()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => JacobianPseudoInverse.Of(ones(3, 3)));
        Assert.Throws<ArgumentException>(() => JacobianPseudoInverse.Of(ones(3, 3, 4)));
    }
}
