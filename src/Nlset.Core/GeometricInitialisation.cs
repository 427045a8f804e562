using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Core;

/// <summary>
/// Geometric initialisation (SAL, Atzmon &amp; Lipman 2020; the paper's reference code) of an <see cref="ImplicitNetwork"/>,
/// so that F(x) ≈ ‖x‖ − r — a sphere's signed distance — before training.
/// <list type="bullet">
/// <item>Hidden layers: W ~ N(0, σ = √2/√fan_out), b = 0. With ReLU this keeps ‖h‖ ≈ ‖x‖ from layer to layer
/// (E relu(z)² = σ²‖h‖²/2 per unit, summed over fan_out units).</item>
/// <item>The layer that receives the skip [h, x]: σ = 1/√fan_out, i.e. the above divided by √2, because ‖[h, x]‖² ≈ 2‖x‖².
/// (IGR divides the concatenation by √2 in the forward pass instead; scaling the initial weights keeps the forward a
/// plain concatenation, as in this paper's reference code, so its weights stay interchangeable.)</item>
/// <item>Output layer, channel 0: W ~ N(√π/√fan_in, 1e-4), b = −r. Each of the n last hidden units has
/// E relu(z) = σ‖h‖/√(2π) = ‖x‖/√(nπ); n of them weighted √π/√n sum to ‖x‖.</item>
/// <item>Output channel 1 (curves, l = 2): a plane through the origin with a random unit normal ν, F₁(x) ≈ ν·x, fitted
/// by ridge least squares of the hidden features to ν·x on points around the sphere; b = 0. The reference code
/// initialises both channels alike, which makes the two rows of DxF nearly parallel and J Jᵀ singular at the start;
/// sphere ∩ plane is a great circle with orthogonal gradients, where Newton projection on the curve is well posed.</item>
/// </list>
/// The method notes (and the reference code) use 2√π/√fan_in and no compensation at the skip: measured on 8×512 and
/// 4×256 ReLU networks (benchmark geometric-init) that gives |∇F| ≈ 2.8 and a zero set of radius ≈ 0.36 r; the
/// constants here give |∇F| ≈ 1.0 and radius ≈ 1.03 r (mean over 8 seeds; see docs/method-to-code.md).
/// </summary>
internal static class GeometricInitialisation
{
    /// <summary>Standard deviation of the output weights around their mean (reference code: 1e-4).</summary>
    const double OutputWeightStd = 1e-4;

    public static void Apply(ImplicitNetwork network, Generator? generator)
    {
        var spec = network.Spec;
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        for (var i = 0; i < spec.Depth; i++)
        {
            var layer = network.Layer(i);
            var fanOut = layer.weight!.shape[0];
            var std = Math.Sqrt(2.0 / fanOut) * (i == spec.SkipLayer ? 1 / Math.Sqrt(2) : 1);
            FillNormal(layer.weight, 0.0, std, generator);
            torch.nn.init.zeros_(layer.bias!);
        }
        // Fourier features start with zero weight, so F is the sphere's distance as without them; training gives them
        // weight only where the shape needs detail.
        if (spec.Frequencies > 0) network.Layer(0).weight!.narrow(1, spec.InputDim, spec.EncodedInputDim - spec.InputDim).zero_();

        var output = network.Layer(spec.Depth);
        var fanIn = output.weight!.shape[1];
        FillNormal(output.weight, Math.Sqrt(Math.PI / fanIn), OutputWeightStd, generator);
        using (var minusRadius = (-spec.Radius).ToScalar()) output.bias!.fill_(minusRadius);
        if (spec.Outputs == 2) FitPlane(network, output, generator);
    }

    /// <summary>
    /// Fills with N(mean, std²) drawn from <paramref name="generator"/>. (TorchSharp 0.107's nn.init.normal_ ignores its
    /// generator argument — measured: two networks from equal generators differed — so draw with randn instead.)
    /// </summary>
    static void FillNormal(Tensor weight, double mean, double std, Generator? generator)
    {
        using var sample = torch.randn(weight.shape, dtype: weight.dtype, device: weight.device, generator: generator);
        using var scale = std.ToScalar();
        using var shift = mean.ToScalar();
        weight.copy_(sample.mul_(scale).add_(shift, One));
    }

    /// <summary>Sets output channel 1 to ≈ ν·x for a random unit ν by ridge regression on the hidden features.</summary>
    static void FitPlane(ImplicitNetwork network, TorchSharp.Modules.Linear output, Generator? generator)
    {
        var spec = network.Spec;
        var device = output.weight!.device;
        var dtype = output.weight.dtype;
        var normal = torch.randn(spec.InputDim, dtype: ScalarType.Float64, device: device, generator: generator);
        normal /= normal.norm();
        // Fit where the shape lives: directions uniform on the sphere, radii from r/4 to 2r (for ReLU the features are
        // positively homogeneous and the radius is irrelevant; for Softplus it matters slightly near the origin).
        var samples = Math.Max(4 * spec.Width, 1024);
        var directions = torch.randn(samples, spec.InputDim, dtype: ScalarType.Float64, device: device, generator: generator);
        directions /= directions.norm(dim: 1, keepdim: true);
        using var span = 1.75.ToScalar();
        using var innermost = 0.25.ToScalar();
        using var radius = spec.Radius.ToScalar();
        var radii = (torch.rand(samples, 1, dtype: ScalarType.Float64, device: device, generator: generator) * span).Plus(innermost);
        var x = directions * radii * radius;
        var features = network.HiddenFeatures(x.to_type(dtype)).to_type(ScalarType.Float64);       // [M, width]
        var target = x.matmul(normal);                                                                // [M]
        var gram = features.T.matmul(features);
        // Ridge term relative to the features' scale: keeps the weights small where the features are nearly dependent.
        var ridge = 1e-6 * gram.diagonal().mean().item<double>() + 1e-12;
        using var ridgeScalar = ridge.ToScalar();
        gram = gram.Plus(torch.eye(gram.shape[0], dtype: ScalarType.Float64, device: device) * ridgeScalar);
        var weights = torch.linalg.solve(gram, features.T.matmul(target));
        output.weight[1].copy_(weights.to_type(dtype));
        output.bias![1].fill_(ZeroReal);
    }
}
