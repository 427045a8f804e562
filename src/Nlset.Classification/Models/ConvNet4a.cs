using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Nlset.Classification.Models;

/// <summary>
/// ConvNet-4a, the MNIST network of the paper's Table 1, exactly as the authors ran it (312,202 parameters): conv 32-3,
/// ReLU, conv 32-3, ReLU, max-pool 2, conv 64-3, ReLU, conv 64-3, ReLU, max-pool 2, flatten, fc 200, fc 200, fc 10 —
/// a <b>linear head, no activation between the fully connected layers</b>. The authors' archs.py (SmallCNN) lists ReLUs
/// after fc1 and fc2 too, but under the keys "relu1" and "relu2" again; in the OrderedDict a repeated key keeps its first
/// position, so their nn.Sequential has none there, and every checkpoint they released was trained and evaluated that
/// way (checked against PyTorch's logits: ConvNet4aReferenceTests). TRADES' SmallCNN with the ReLUs is
/// <see cref="SmallCnn"/>. No padding, no dropout (the authors drop TRADES' dropout: the sample network of Eq. 9 needs a
/// deterministic F). Input [N, 1, 28, 28] in [0, 1] → logits [N, 10]. Parameters are named as in the authors' module
/// (a Sequential called "model"): "model.conv1.weight" … "model.fc3.bias", so their .pth files load as they are.
/// </summary>
public sealed class ConvNet4a : Module<Tensor, Tensor>
{
    private readonly Sequential model;

    public ConvNet4a(int classes = 10) : base(nameof(ConvNet4a))
    {
        model = Layers(classes, reluHead: false);
        RegisterComponents();
        InitialiseConvolutions(this);
    }

    public override Tensor forward(Tensor input) => model.call(input);

    /// <summary>The layers of ConvNet-4a (linear head) or of TRADES' SmallCNN (ReLU after fc1 and fc2); same names.</summary>
    internal static Sequential Layers(int classes, bool reluHead)
    {
        var layers = new List<(string, Module<Tensor, Tensor>)>
        {
            ("conv1", Conv2d(1, 32, 3)), ("relu1", ReLU()),
            ("conv2", Conv2d(32, 32, 3)), ("relu2", ReLU()),
            ("maxpool1", MaxPool2d(2, 2)),
            ("conv3", Conv2d(32, 64, 3)), ("relu3", ReLU()),
            ("conv4", Conv2d(64, 64, 3)), ("relu4", ReLU()),
            ("maxpool2", MaxPool2d(2, 2)),
            ("flatten", Flatten()),
            ("fc1", Linear(64 * 4 * 4, 200)),
        };
        if (reluHead) layers.Add(("relu5", ReLU()));
        layers.Add(("fc2", Linear(200, 200)));
        if (reluHead) layers.Add(("relu6", ReLU()));
        layers.Add(("fc3", Linear(200, classes)));
        return Sequential(layers);
    }

    /// <summary>The reference initialises the convolutions with Kaiming-normal weights and zero biases (the linear layers keep PyTorch's default).</summary>
    internal static void InitialiseConvolutions(Module module)
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, parameter) in module.named_parameters())
            if (name.StartsWith("model.conv", StringComparison.Ordinal))
            {
                if (name.EndsWith(".weight", StringComparison.Ordinal)) init.kaiming_normal_(parameter);
                else parameter.zero_();
            }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) model.Dispose();
        base.Dispose(disposing);
    }
}
