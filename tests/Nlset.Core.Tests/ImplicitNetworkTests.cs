using Nlset.Geometry;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Core.Tests;

public class ImplicitNetworkTests
{
    static Tensor PointsAtRadii(long n, int d, double minRadius, double maxRadius, ulong seed)
    {
        var generator = new Generator(seed, CPU);
        var directions = randn(n, d, generator: generator);
        directions /= directions.norm(dim: 1, keepdim: true);
        return directions * (rand(n, 1, generator: generator) * (maxRadius - minRadius) + minRadius);
    }

    [Theory]
    [InlineData("4x32", 3, 1)]
    [InlineData("4x32,out=2", 3, 2)]
    [InlineData("3x16,in=2", 2, 1)]
    [InlineData("2x64,in=784,noskip", 784, 1)]
    public void OutputHasOneColumnPerChannel(string text, int d, int l)
    {
        using var scope = NewDisposeScope();
        using var network = new ImplicitNetwork(NetworkSpec.Parse(text), new Generator(1, CPU));
        Assert.Equal(new long[] { 7, l }, network.call(randn(7, d)).shape);
        Assert.Equal(new long[] { 2, 5, l }, network.call(randn(2, 5, d)).shape);          // leading axes pass through
    }

    [Theory]
    [InlineData("4x64,fourier=3")]
    [InlineData("8x512")]
    [InlineData("3x32,softplus,out=2")]
    public void ForwardInAPrecisionIsTheSameFunctionToThatPrecisionAndPassesGradients(string text)
    {
        using var scope = NewDisposeScope();
        using var network = new ImplicitNetwork(NetworkSpec.Parse(text), new Generator(4, CPU));
        var x = PointsAtRadii(200, 3, 0.1, 1.0, 5);
        var exact = network.forward(x);
        // In float32 the products are the network's own: the same numbers.
        Assert.Equal(0, (network.Forward(x, ScalarType.Float32) - exact).abs().max().item<float>());
        // In bf16 (8 significant bits) F differs by a rounding of its terms, not more; types stay float32.
        var rounded = network.Forward(x, ScalarType.BFloat16);
        Assert.Equal(ScalarType.Float32, rounded.dtype);
        var error = (rounded - exact).abs().max().item<float>();
        Assert.True(error < 0.02 * exact.abs().max().item<float>() + 1e-3, $"bf16 F off by {error}");
        Assert.True(error > 0, "the bf16 products were not bf16");
        // Gradients reach the input (the projection's DxF) and the float32 weights through the casts.
        var leaf = x.detach().requires_grad_(true);
        network.Forward(leaf, ScalarType.BFloat16).sum().backward();
        Assert.Equal(ScalarType.Float32, leaf.grad!.dtype);
        Assert.True(leaf.grad!.abs().sum().item<float>() > 0);
        Assert.All(network.parameters(), p => Assert.True(p.grad is not null && p.grad.dtype == ScalarType.Float32));
    }

    [Fact]
    public void ParametersAreNamedLikePyTorch()
    {
        using var scope = NewDisposeScope();
        using var network = new ImplicitNetwork(NetworkSpec.Parse("4x32"), new Generator(2, CPU));
        var shapes = network.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        var expected = new Dictionary<string, long[]>
        {
            ["layers.0.weight"] = new long[] { 32, 3 }, ["layers.0.bias"] = new long[] { 32 },
            ["layers.1.weight"] = new long[] { 29, 32 }, ["layers.1.bias"] = new long[] { 29 },   // 32 − d before the skip
            ["layers.2.weight"] = new long[] { 32, 32 }, ["layers.2.bias"] = new long[] { 32 },   // receives [h, x]
            ["layers.3.weight"] = new long[] { 32, 32 }, ["layers.3.bias"] = new long[] { 32 },
            ["layers.4.weight"] = new long[] { 1, 32 }, ["layers.4.bias"] = new long[] { 1 },
        };
        Assert.Equal(expected.Keys.Order(), shapes.Keys.Order());
        foreach (var (name, shape) in expected) Assert.Equal(shape, shapes[name]);
        Assert.Equal(3230, network.parameters().Sum(p => p.numel()));
        Assert.Equal(network.Spec.ParameterCount, network.parameters().Sum(p => p.numel()));
        Assert.Equal(expected.Keys.Order(), network.state_dict().Keys.Order());
    }

    [Fact]
    public void SkipFeedsTheInputIntoTheMiddleLayer()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = PointsAtRadii(20, 3, 0.5, 1.5, 3);
        foreach (var (text, dependsOnInput) in new[] { ("4x32", true), ("4x32,noskip", false) })
        {
            using var network = new ImplicitNetwork(NetworkSpec.Parse(text), new Generator(4, CPU));
            // Cut the path before the middle: layer 1's output becomes 0. Only the skip can still carry x.
            network.Layer(1).weight!.zero_();
            var f = network.call(x);
            var varies = (f - f[0]).abs().max().item<float>() > 1e-3;
            Assert.Equal(dependsOnInput, varies);
        }
    }

    /// <summary>Geometric initialisation: F(x) ≈ ‖x‖ − r (a sphere's signed distance) before any training.</summary>
    [Theory]
    [InlineData("8x512", 11UL)]
    [InlineData("8x512", 12UL)]
    [InlineData("4x256", 13UL)]
    [InlineData("4x256", 14UL)]
    [InlineData("4x256,r=0.5", 15UL)]
    [InlineData("8x512,softplus", 16UL)]
    [InlineData("4x256,out=2", 17UL)]
    [InlineData("4x256,fourier=6", 18UL)]
    public void GeometricInitialisationStartsAsASphere(string text, ulong seed)
    {
        using var scope = NewDisposeScope();
        var spec = NetworkSpec.Parse(text);
        using var network = new ImplicitNetwork(spec, new Generator(seed, CPU));
        var r = spec.Radius;
        var x = PointsAtRadii(2000, 3, 0.5 * r, 1.5 * r, seed + 100).requires_grad_(true);
        var f = network.call(x)[.., 0];
        var gradient = autograd.grad(new[] { f.sum() }, new[] { x })[0];
        using var noGrad = no_grad();

        // A finite-width random network is only a sphere on average: over 8 seeds each of 4×256, 4×512, 6×256, 8×512
        // the mean relative error was 0.04–0.17, the mean slope 0.87–1.15 and the mean cos(∇F, x) ≥ 0.94. With the
        // reference code's constants (2√π output mean, no skip compensation) the slope is ≈ 2.8 (benchmark geometric-init).
        var error = (f - (x.norm(dim: 1) - r)).abs() / r;
        Assert.True(error.mean().item<float>() < 0.2, $"mean |F − (‖x‖ − r)| / r = {error.mean().item<float>()}");
        var slope = gradient.norm(dim: 1).mean().item<float>();
        Assert.InRange(slope, 0.8f, 1.2f);                                        // |∇F| ≈ 1: a distance, not a multiple of one
        var radial = (gradient * x).sum(1) / (gradient.norm(dim: 1) * x.norm(dim: 1));
        Assert.True(radial.mean().item<float>() > 0.93, $"mean cos(∇F, x) = {radial.mean().item<float>()}");
        // Inside / outside: negative near the centre, positive well outside.
        Assert.True((network.call(PointsAtRadii(200, 3, 0, 0.2 * r, seed + 200))[.., 0] < 0).all().item<bool>());
        Assert.True((network.call(PointsAtRadii(200, 3, 2 * r, 3 * r, seed + 300))[.., 0] > 0).all().item<bool>());
    }

    [Fact]
    public void FourierFeaturesAreSinesAndCosinesOfOctaves()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 0.25f, -0.5f, 0.125f }).reshape(1, 3);
        var features = ImplicitNetwork.FourierFeatures(x, 2);
        Assert.Equal(new long[] { 1, 15 }, features.shape);
        var expected = new[] { 0.25, -0.5, 0.125 }
            .Concat(new[] { 0.25, -0.5, 0.125 }.Select(v => Math.Sin(Math.PI * v)))
            .Concat(new[] { 0.25, -0.5, 0.125 }.Select(v => Math.Cos(Math.PI * v)))
            .Concat(new[] { 0.25, -0.5, 0.125 }.Select(v => Math.Sin(2 * Math.PI * v)))
            .Concat(new[] { 0.25, -0.5, 0.125 }.Select(v => Math.Cos(2 * Math.PI * v))).ToArray();
        var actual = features.data<float>().ToArray();
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 5);
    }

    [Fact]
    public void FourierFeaturesStartWithZeroWeightSoTheyDoNotChangeTheInitialField()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var encoded = new ImplicitNetwork(NetworkSpec.Parse("4x64,fourier=4"), new Generator(21, CPU));
        Assert.Equal(0f, encoded.Layer(0).weight![.., 3..].abs().max().item<float>());
        // The features still reach the network: a weight on them changes F.
        var x = PointsAtRadii(100, 3, 0.2, 1, 22);
        var before = encoded.call(x);
        encoded.Layer(0).weight![.., 3..].fill_(0.01f);
        Assert.True((encoded.call(x) - before).abs().max().item<float>() > 1e-4);
    }

    [Fact]
    public void SecondChannelOfACurveNetworkStartsAsAPlaneThroughTheCentre()
    {
        using var scope = NewDisposeScope();
        using var network = new ImplicitNetwork(NetworkSpec.Parse("4x256,out=2"), new Generator(18, CPU));
        using var noGrad = no_grad();
        var x = PointsAtRadii(2000, 3, 0.25, 2.0, 19);
        var plane = network.call(x)[.., 1];
        // Recover the plane by least squares: ν·x with ‖ν‖ = 1, and the residual is small.
        var normal = linalg.lstsq(x, plane.unsqueeze(1)).Item1.squeeze(1);
        Assert.Equal(1.0, normal.norm().item<float>(), 1);
        var residual = (x.matmul(normal) - plane).abs();
        Assert.True(residual.mean().item<float>() < 0.01, $"mean residual {residual.mean().item<float>()}");
        Assert.True(residual.max().item<float>() < 0.1, $"max residual {residual.max().item<float>()}");
        // The two zero sets meet on a circle: Newton projection onto F = (0, 0) converges from around it.
        var projection = new LevelSetProjector().Project(network.call, PointsAtRadii(500, 3, 0.5, 1.5, 20));
        Assert.True(projection.ConvergedCount >= 490, $"{projection.ConvergedCount} of 500 converged");
        Assert.True((projection.Points.matmul(normal).abs() < 0.05).all().item<bool>());
    }

    [Fact]
    public void SameGeneratorSeedGivesTheSameNetwork()
    {
        using var scope = NewDisposeScope();
        using var a = new ImplicitNetwork(NetworkSpec.Parse("3x32,out=2"), new Generator(5, CPU));
        using var b = new ImplicitNetwork(NetworkSpec.Parse("3x32,out=2"), new Generator(5, CPU));
        using var c = new ImplicitNetwork(NetworkSpec.Parse("3x32,out=2"), new Generator(6, CPU));
        var pa = a.parameters().ToArray();
        var pb = b.parameters().ToArray();
        var pc = c.parameters().ToArray();
        Assert.All(Enumerable.Range(0, pa.Length), i => Assert.True(TensorAssert.Identical(pa[i], pb[i])));
        Assert.Contains(Enumerable.Range(0, pa.Length), i => !TensorAssert.Identical(pa[i], pc[i]));
    }

    [Fact]
    public void InvalidSpecIsRejected()
    {
        Assert.Throws<InvalidInputException>(() => new ImplicitNetwork(new NetworkSpec(3, 0, 16)));
        Assert.Throws<InvalidInputException>(() => new ImplicitNetwork(new NetworkSpec(3, 2, 16, Outputs: 3)));
    }
}
