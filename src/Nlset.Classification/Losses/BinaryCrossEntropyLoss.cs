using Nlset.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Losses;

/// <summary>Cross-entropy of a one-output classifier read as a logistic model P(y = +1 | x) = σ(F(x)):
/// mean log(1 + e^{−y F(x)}), computed as softplus(−yF) so large |F| neither overflows nor loses precision.</summary>
public sealed class BinaryCrossEntropyLoss : IMarginLoss
{
    /// <summary>nn.functional.softplus's defaults, β = 1 and threshold 20, as held Scalars.</summary>
    static readonly Scalar SoftplusBeta = 1.0, SoftplusThreshold = 20.0;

    public MarginLossKind Kind => MarginLossKind.CrossEntropy;

    public Tensor Compute(Func<Tensor, Tensor> classifier, Tensor images, Tensor signs)
    {
        using var scope = torch.NewDisposeScope();
        var scores = classifier(images).reshape(-1);
        return (-signs * scores).Softplus(SoftplusBeta, SoftplusThreshold).mean().MoveToOuterDisposeScope();
    }
}
