using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Nlset.Classification.Models;

/// <summary>
/// A small convolutional binary classifier for 28 × 28 (MNIST) and 32 × 32 (CIFAR-10) images, in the LeNet style the
/// small-data experiments of the paper's era used: conv1 (C → 16, 5 × 5, same padding), ReLU, 2 × 2 max-pool,
/// conv2 (16 → 32, 5 × 5), ReLU, 2 × 2 max-pool, fc1 (→ 64), ReLU, fc2 (→ 1, the score). Parameter names follow
/// PyTorch: "conv1.weight", "conv2.bias", "fc1.weight", "fc2.bias". Input [N, C, H, W] → scores [N].
/// 113,729 parameters on MNIST, 145,249 on CIFAR-10; piecewise linear (ReLU, max-pool), like <see cref="SmallMlp"/>.
/// </summary>
public sealed class SmallConvNet : Module<Tensor, Tensor>, IBinaryClassifier
{
    private readonly Conv2d conv1, conv2;
    private readonly Linear fc1, fc2;

    public SmallConvNet(ClassifierSpec spec) : base(nameof(SmallConvNet))
    {
        Spec = spec.Validated();
        conv1 = Conv2d(spec.Channels, spec.Widths[0], 5, padding: 2);
        conv2 = Conv2d(spec.Widths[0], spec.Widths[1], 5, padding: 2);
        fc1 = Linear(spec.Widths[1] * (spec.Height / 4) * (spec.Width / 4), spec.Widths[2]);
        fc2 = Linear(spec.Widths[2], 1);
        RegisterComponents();
    }

    public ClassifierSpec Spec { get; }
    public Linear OutputLayer => fc2;

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var x = input.reshape(input.shape[0], Spec.Channels, Spec.Height, Spec.Width);
        x = functional.max_pool2d(functional.relu(conv1.call(x)), 2);
        x = functional.max_pool2d(functional.relu(conv2.call(x)), 2);
        x = functional.relu(fc1.call(x.flatten(1)));
        return fc2.call(x).squeeze(1).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            conv1.Dispose();
            conv2.Dispose();
            fc1.Dispose();
            fc2.Dispose();
        }
        base.Dispose(disposing);
    }
}
