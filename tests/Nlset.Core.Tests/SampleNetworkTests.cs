using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Core.Tests;

public class SampleNetworkTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ValueAtTheProjectionWeightsIsThePointItself(int outputs)
    {
        using var scope = NewDisposeScope();
        using var network = new ImplicitNetwork(NetworkSpec.Parse($"4x64,out={outputs}"), new Generator(21, CPU));
        var points = (rand(300, 3, generator: new Generator(22, CPU)) * 2 - 1) * 1.5;
        var projection = new LevelSetProjector().Project(network.call, points);
        var samples = SampleNetwork.Of(projection);

        var positions = samples.Forward(network.call);
        Assert.True(positions.requires_grad);                                     // tied to θ
        Assert.Equal(projection.Points.shape, positions.shape);
        // F(p; θ) − c is zero up to the float rounding of a differently batched forward.
        Assert.True(TensorAssert.MaxAbsDifference(positions, projection.Points) < 1e-5);
    }

    /// <summary>
    /// Eq. 8: Dθp(θ0) = −DxF^† DθF, the minimal-norm solution of Eq. 7 — checked per sample, per coordinate, against
    /// Jacobians taken one by one with autograd and an SVD pseudo-inverse, in double precision.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void DerivativeWithRespectToTheWeightsIsEquationEight(int outputs)
    {
        using var scope = NewDisposeScope();
        using var network = new ImplicitNetwork(NetworkSpec.Parse($"2x8,out={outputs}"), new Generator(31, CPU));
        network.to(ScalarType.Float64);
        var parameters = network.parameters().ToArray();
        var points = (rand(5, 3, dtype: ScalarType.Float64, generator: new Generator(32, CPU)) * 2 - 1) * 1.2;
        var projection = new LevelSetProjector().Project(network.call, points);
        var samples = SampleNetwork.Of(projection);
        var positions = samples.Forward(network.call);                              // [5, 3]

        for (var i = 0; i < 5; i++)
        {
            // Ours: rows of Dθp for sample i, by differentiating each coordinate of p_i(θ).
            var ours = stack(Enumerable.Range(0, 3).Select(k => FlatGradient(positions[i, k], parameters, retain: true)).ToArray());   // [3, m]

            // Independent: DθF and DxF at p_i from fresh forwards, J^† from torch's SVD pseudo-inverse.
            var p = projection.Points[i..(i + 1)].detach().requires_grad_(true);
            var f = network.call(p)[0];                                             // [l]
            var dTheta = stack(Enumerable.Range(0, outputs).Select(j => FlatGradient(f[j], parameters, retain: true)).ToArray());   // [l, m]
            var dx = stack(Enumerable.Range(0, outputs).Select(j => autograd.grad(new[] { f[j] }, new[] { p }, retain_graph: true)[0][0]).ToArray());   // [l, 3]
            var expected = -linalg.pinv(dx).matmul(dTheta);                          // [3, m]

            var scale = expected.abs().max().item<double>();
            Assert.True(TensorAssert.MaxAbsDifference(ours, expected) < 1e-10 * Math.Max(1, scale),
                $"sample {i}: Dθp differs from −DxF^† DθF by {TensorAssert.MaxAbsDifference(ours, expected)}");
            // And it solves Eq. 7: DxF Dθp + DθF = 0.
            Assert.True((dx.matmul(ours) + dTheta).abs().max().item<double>() < 1e-10 * Math.Max(1, scale));
        }
    }

    static Tensor FlatGradient(Tensor scalar, Tensor[] parameters, bool retain) =>
        cat(autograd.grad(new[] { scalar }, parameters, retain_graph: retain, allow_unused: true)
            .Select((g, k) => g is null || g.IsInvalid ? zeros_like(parameters[k]).flatten() : g.flatten()).ToArray());

    [Fact]
    public void ALossOnTheSamplesMovesTheLevelSet()
    {
        // One gradient step that asks zero-level samples to move outwards must grow the zero set: F decreases there.
        using var scope = NewDisposeScope();
        using var network = new ImplicitNetwork(NetworkSpec.Parse("2x32"), new Generator(41, CPU));
        var points = randn(200, 3, generator: new Generator(42, CPU));
        var projection = new LevelSetProjector().Project(network.call, points);
        var samples = SampleNetwork.Of(projection);
        var positions = samples.Forward(network.call);
        var loss = -positions.norm(dim: 1).mean();                                 // push samples away from the origin
        var optimizer = optim.SGD(network.parameters(), 1e-3);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        using var noGrad = no_grad();
        var after = network.call(projection.Points).squeeze(1);
        Assert.True(after.mean().item<float>() < -1e-5, $"mean F at the old samples is {after.mean().item<float>()}");
    }

    [Fact]
    public void ImageShapedSamplesKeepTheirShape()
    {
        using var scope = NewDisposeScope();
        var weights = linspace(-1, 1, 12, dtype: ScalarType.Float64).requires_grad_(true);
        Tensor Field(Tensor x) => x.reshape(x.shape[0], -1).matmul(weights) - 0.1;
        var points = randn(4, 1, 3, 4, dtype: ScalarType.Float64, generator: new Generator(51, CPU));
        var projection = new LevelSetProjector().Project(Field, points);
        var positions = SampleNetwork.Of(projection).Forward(Field);
        Assert.Equal(new long[] { 4, 1, 3, 4 }, positions.shape);
        Assert.True(TensorAssert.MaxAbsDifference(positions, projection.Points) < 1e-12);
    }

    [Fact]
    public void MismatchedInputsAreRejected()
    {
        using var scope = NewDisposeScope();
        var points = ones(5, 3);
        Assert.Throws<ArgumentException>(() => new SampleNetwork(points, ones(5, 3, 3), ones(5)));   // l = 3
        Assert.Throws<ArgumentException>(() => new SampleNetwork(points, ones(4, 3, 1), ones(5)));
        Assert.Throws<ArgumentException>(() => new SampleNetwork(points, ones(5, 2, 1), ones(5)));
        Assert.Throws<ArgumentException>(() => new SampleNetwork(points, ones(5, 3, 2), ones(5)));   // l = 2 needs [5, 2]
        var samples = new SampleNetwork(points, ones(5, 3, 1), zeros(5));
        Assert.Throws<ArgumentException>(() => samples.Forward(x => x[.., ..2]));                   // field now has 2 outputs
    }
}
