using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Nlset.Classification.Models;

/// <summary>
/// TRADES' SmallCNN without dropout: <see cref="ConvNet4a"/>'s layers with a ReLU after fc1 and after fc2 (what the
/// authors' archs.py appears to say but does not build). nlset's "convnet4a" was this network until the authors' own
/// head was found to be linear; it is kept under its own name (--arch smallcnn) so that checkpoints trained with it
/// still compute what they were trained to, and to compare the two heads. Same parameter names as ConvNet-4a.
/// </summary>
public sealed class SmallCnn : Module<Tensor, Tensor>
{
    private readonly Sequential model;

    public SmallCnn(int classes = 10) : base(nameof(SmallCnn))
    {
        model = ConvNet4a.Layers(classes, reluHead: true);
        RegisterComponents();
        ConvNet4a.InitialiseConvolutions(this);
    }

    public override Tensor forward(Tensor input) => model.call(input);

    protected override void Dispose(bool disposing)
    {
        if (disposing) model.Dispose();
        base.Dispose(disposing);
    }
}
