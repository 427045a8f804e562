using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Nlset.Classification.Models;

/// <summary>
/// ConvNet-4a, the MNIST network of the paper's Table 1 (TRADES' "SmallCNN", 312,202 parameters): conv 32-3, conv 32-3,
/// max-pool 2, conv 64-3, conv 64-3, max-pool 2, fc 200, fc 200, fc 10, ReLU between, no padding, no dropout (the
/// authors' code drops TRADES' dropout: the sample network of Eq. 9 needs a deterministic F). Input [N, 1, 28, 28] in
/// [0, 1] → logits [N, 10]. Parameters are named as in the authors' PyTorch module (a Sequential called "model"):
/// "model.conv1.weight" … "model.fc3.bias", so their .pth files load as they are.
/// </summary>
public sealed class ConvNet4a : Module<Tensor, Tensor>
{
    private readonly Sequential model;

    public ConvNet4a(int classes = 10) : base(nameof(ConvNet4a))
    {
        model = Sequential(
            ("conv1", Conv2d(1, 32, 3)), ("relu1", ReLU()),
            ("conv2", Conv2d(32, 32, 3)), ("relu2", ReLU()),
            ("maxpool1", MaxPool2d(2, 2)),
            ("conv3", Conv2d(32, 64, 3)), ("relu3", ReLU()),
            ("conv4", Conv2d(64, 64, 3)), ("relu4", ReLU()),
            ("maxpool2", MaxPool2d(2, 2)),
            ("flatten", Flatten()),
            ("fc1", Linear(64 * 4 * 4, 200)), ("relu5", ReLU()),
            ("fc2", Linear(200, 200)), ("relu6", ReLU()),
            ("fc3", Linear(200, classes)));
        RegisterComponents();
        // The reference initialises the convolutions with Kaiming-normal weights and zero biases.
        using var noGrad = torch.no_grad();
        foreach (var (name, parameter) in named_parameters())
            if (name.StartsWith("model.conv", StringComparison.Ordinal))
            {
                if (name.EndsWith(".weight", StringComparison.Ordinal)) init.kaiming_normal_(parameter);
                else parameter.zero_();
            }
    }

    public override Tensor forward(Tensor input) => model.call(input);

    protected override void Dispose(bool disposing)
    {
        if (disposing) model.Dispose();
        base.Dispose(disposing);
    }
}
