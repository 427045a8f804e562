using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Nlset.Classification.Models;

/// <summary>
/// ConvNet-4b, the CIFAR-10 network of the paper's Table 1 (Wong et al.'s "large" network, 2,466,858 parameters):
/// conv 32-3 s1, conv 32-4 s2, conv 64-3 s1, conv 64-4 s2 (padding 1), fc 512, fc 512, fc 10, ReLU between.
/// Input [N, 3, 32, 32] → logits [N, 10]. Parameters are named as in the authors' PyTorch module, an unnamed
/// Sequential called "model": "model.0.weight" (conv 1), "model.2" … "model.6" (convs), "model.9", "model.11",
/// "model.13" (linear layers; index 8 is the flatten).
/// </summary>
public sealed class ConvNet4b : Module<Tensor, Tensor>
{
    private readonly Sequential model;

    public ConvNet4b(int classes = 10) : base(nameof(ConvNet4b))
    {
        model = Sequential(
            ("0", Conv2d(3, 32, 3, stride: 1, padding: 1)), ("1", ReLU()),
            ("2", Conv2d(32, 32, 4, stride: 2, padding: 1)), ("3", ReLU()),
            ("4", Conv2d(32, 64, 3, stride: 1, padding: 1)), ("5", ReLU()),
            ("6", Conv2d(64, 64, 4, stride: 2, padding: 1)), ("7", ReLU()),
            ("8", Flatten()),
            ("9", Linear(64 * 8 * 8, 512)), ("10", ReLU()),
            ("11", Linear(512, 512)), ("12", ReLU()),
            ("13", Linear(512, classes)));
        RegisterComponents();
        // The reference: conv weights ~ N(0, √(2 / (k² · out channels))), conv biases 0, last bias 0.
        using var noGrad = torch.no_grad();
        foreach (var index in new[] { 0, 2, 4, 6 })
        {
            var conv = (Conv2d)model[index];
            var fan = conv.weight!.shape[2] * conv.weight.shape[3] * conv.weight.shape[0];
            conv.weight.normal_(0, Math.Sqrt(2.0 / fan));
            conv.bias!.zero_();
        }
        ((Linear)model[13]).bias!.zero_();
    }

    public override Tensor forward(Tensor input) => model.call(input);

    protected override void Dispose(bool disposing)
    {
        if (disposing) model.Dispose();
        base.Dispose(disposing);
    }
}
