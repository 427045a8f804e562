using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using static Nlset.Core.HeldScalars;

namespace Nlset.Core;

/// <summary>
/// The implicit MLP F: R^d → R^l of the paper's reconstruction (and of 2-D toy classifiers): <c>Depth</c> hidden
/// layers of <c>Width</c> units, ReLU or Softplus(β = 100), and the input concatenated again at the middle layer
/// (layer depth/2 receives [h, x]; the layer before it outputs width − d so every hidden layer stays width wide, as in
/// the reference code / DeepSDF). Parameters are named like PyTorch's <c>nn.ModuleList</c> of <c>nn.Linear</c>:
/// "layers.0.weight", "layers.0.bias", ... Geometric initialisation (<see cref="GeometricInitialisation"/>) makes
/// F(x) ≈ ‖x‖ − r at the start. Input [..., d] → output [..., l].
/// </summary>
public sealed class ImplicitNetwork : Module<Tensor, Tensor>
{
    /// <summary>Softplus sharpness (IGR's value): within ln 2 / β ≈ 0.007 of ReLU, yet smooth.</summary>
    public const double SoftplusBeta = 100;

    private readonly ModuleList<Linear> layers;
    private readonly Module<Tensor, Tensor> activation;

    /// <param name="spec">The architecture; validated here.</param>
    /// <param name="generator">Random source for the initialisation (null: torch's global generator, see <see cref="Seeding"/>).</param>
    /// <param name="geometricInitialisation">False leaves TorchSharp's default init (used when weights are loaded right after).</param>
    public ImplicitNetwork(NetworkSpec spec, Generator? generator = null, bool geometricInitialisation = true)
        : base(nameof(ImplicitNetwork))
    {
        Spec = spec.Validated();
        layers = ModuleList(spec.LayerShapes().Select(s => Linear(s.Inputs, s.Outputs)).ToArray());
        activation = spec.Activation == ImplicitActivation.ReLU ? ReLU() : new SoftplusActivation(SoftplusBeta);
        RegisterComponents();
        if (geometricInitialisation) GeometricInitialisation.Apply(this, generator);
    }

    public NetworkSpec Spec { get; }

    /// <summary>Linear layer i (layers.i), 0 … depth; layer depth maps the last hidden features to the l outputs.</summary>
    public Linear Layer(int index) => layers[index];

    public override Tensor forward(Tensor input)
    {
        using var hidden = HiddenFeatures(input);
        return layers[Spec.Depth].call(hidden);
    }

    /// <summary>
    /// F with every layer's product in <paramref name="precision"/> (e.g. bfloat16): the input, the Fourier features and
    /// the output stay in the network's own type, and gradients reach the input and the weights through the casts. For the
    /// Newton projection of large networks, whose step is bound by its products (bf16 products run 3.5–4× faster on CPUs
    /// with AMX); the sample network's own evaluation in full precision then corrects the sample onto its level (Eq. 9).
    /// </summary>
    public Tensor Forward(Tensor input, ScalarType precision)
    {
        using var scope = torch.NewDisposeScope();
        var features = Spec.Frequencies == 0 ? input : FourierFeatures(input, Spec.Frequencies);
        var h = features.to(precision);
        var plain = Spec.SkipLayer >= 0 ? input.to(precision) : null;
        for (var i = 0; i <= Spec.Depth; i++)
        {
            var layerInput = i == Spec.SkipLayer ? torch.cat(new[] { h, plain! }, -1) : h;
            var layer = layers[i];
            h = nn.functional.linear(layerInput, layer.weight!.to(precision), layer.bias!.to(precision));
            if (i < Spec.Depth) h = activation.call(h);
        }
        return h.to(input.dtype).MoveToOuterDisposeScope();
    }

    /// <summary>The last hidden layer's activations [..., width] — what the output layer combines linearly.</summary>
    public Tensor HiddenFeatures(Tensor input)
    {
        var h = Spec.Frequencies == 0 ? input : FourierFeatures(input, Spec.Frequencies);
        for (var i = 0; i < Spec.Depth; i++)
        {
            var layerInput = i == Spec.SkipLayer ? torch.cat(new[] { h, input }, -1) : h;
            var preActivation = layers[i].call(layerInput);
            var next = activation.call(preActivation);
            // Disposing intermediate handles is safe: autograd keeps its own references to what backward needs.
            preActivation.Dispose();
            if (!ReferenceEquals(layerInput, h)) layerInput.Dispose();
            if (!ReferenceEquals(h, input)) h.Dispose();
            h = next;
        }
        return h;
    }

    /// <summary>
    /// [x, sin(2^k π x), cos(2^k π x)] for k &lt; K (NeRF's positional encoding, Tancik et al. 2020): a ReLU MLP on x alone
    /// learns fine detail slowly (spectral bias); these features let it bend the surface at the scale of a few
    /// hundredths of the box within a budget of minutes. The skip layer still receives the plain x.
    /// </summary>
    public static Tensor FourierFeatures(Tensor x, int frequencies)
    {
        using var scope = torch.NewDisposeScope();
        var parts = new Tensor[1 + 2 * frequencies];
        parts[0] = x;
        for (var k = 0; k < frequencies; k++)
        {
            using var frequency = (Math.PI * (1 << k)).ToScalar();
            var scaled = x * frequency;
            parts[1 + 2 * k] = scaled.sin();
            parts[2 + 2 * k] = scaled.cos();
        }
        return torch.cat(parts, -1).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            layers.Dispose();
            activation.Dispose();
        }
        base.Dispose(disposing);
    }
}
