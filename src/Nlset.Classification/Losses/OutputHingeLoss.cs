using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Classification.Losses;

/// <summary>The deep-network hinge loss on the output (paper §3.1: "output space margin"): mean max(0, 1 − y F(x)).
/// It asks for |F| ≥ 1 on the right side but says nothing about how far x is from the decision boundary in input space.</summary>
public sealed class OutputHingeLoss : IMarginLoss
{
    public MarginLossKind Kind => MarginLossKind.Hinge;

    public Tensor Compute(Func<Tensor, Tensor> classifier, Tensor images, Tensor signs)
    {
        using var scope = torch.NewDisposeScope();
        var scores = classifier(images).reshape(-1);
        return nn.functional.relu(One.Minus(signs * scores)).mean().MoveToOuterDisposeScope();
    }
}
