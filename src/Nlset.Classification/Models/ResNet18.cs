using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using static Nlset.Core.HeldScalars;

namespace Nlset.Classification.Models;

/// <summary>
/// ResNet-18 for 32 × 32 images (the CIFAR-10 variant TRADES and the paper's Table 1 use, 11,173,962 parameters):
/// conv 64-3 + BN, four stages of two basic blocks (64, 128, 256, 512 channels, strides 1, 2, 2, 2; a 1 × 1 conv + BN
/// shortcut where the shape changes), 4 × 4 average pool, linear → 10. PyTorch parameter and buffer names:
/// "conv1.weight", "bn1.running_mean", "layer2.0.shortcut.0.weight", "linear.bias" …
/// </summary>
public sealed class ResNet18 : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNormalization2d bn1;
    private readonly Sequential layer1, layer2, layer3, layer4;
    private readonly Linear linear;

    public ResNet18(int classes = 10) : base(nameof(ResNet18))
    {
        conv1 = Conv2d(3, 64, 3, stride: 1, padding: 1, bias: false);
        bn1 = new BatchNormalization2d(64);
        var inPlanes = 64;
        Sequential Stage(int planes, int stride)
        {
            var blocks = new (string, Module<Tensor, Tensor>)[2];
            for (var b = 0; b < 2; b++)
            {
                blocks[b] = (b.ToString(System.Globalization.CultureInfo.InvariantCulture), new BasicBlock(inPlanes, planes, b == 0 ? stride : 1));
                inPlanes = planes;
            }
            return Sequential(blocks);
        }
        layer1 = Stage(64, 1);
        layer2 = Stage(128, 2);
        layer3 = Stage(256, 2);
        layer4 = Stage(512, 2);
        linear = Linear(512, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var x = functional.relu(bn1.call(conv1.call(input)));
        x = layer4.call(layer3.call(layer2.call(layer1.call(x))));
        x = functional.avg_pool2d(x, 4).flatten(1);
        return linear.call(x).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            conv1.Dispose();
            bn1.Dispose();
            layer1.Dispose();
            layer2.Dispose();
            layer3.Dispose();
            layer4.Dispose();
            linear.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>Two 3 × 3 conv + BN layers with an identity (or 1 × 1 conv + BN) shortcut.</summary>
    sealed class BasicBlock : Module<Tensor, Tensor>
    {
        private readonly Conv2d conv1, conv2;
        private readonly BatchNormalization2d bn1, bn2;
        private readonly Sequential shortcut;

        public BasicBlock(int inPlanes, int planes, int stride) : base(nameof(BasicBlock))
        {
            conv1 = Conv2d(inPlanes, planes, 3, stride: stride, padding: 1, bias: false);
            bn1 = new BatchNormalization2d(planes);
            conv2 = Conv2d(planes, planes, 3, stride: 1, padding: 1, bias: false);
            bn2 = new BatchNormalization2d(planes);
            shortcut = stride != 1 || inPlanes != planes
                ? Sequential(("0", Conv2d(inPlanes, planes, 1, stride: stride, bias: false)), ("1", new BatchNormalization2d(planes)))
                : Sequential();
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = torch.NewDisposeScope();
            var x = functional.relu(bn1.call(conv1.call(input)));
            x = bn2.call(conv2.call(x));
            return functional.relu(x.Plus(shortcut.call(input))).MoveToOuterDisposeScope();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                conv1.Dispose();
                bn1.Dispose();
                conv2.Dispose();
                bn2.Dispose();
                shortcut.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
