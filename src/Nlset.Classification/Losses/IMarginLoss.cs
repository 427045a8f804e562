using static TorchSharp.torch;

namespace Nlset.Classification.Losses;

/// <summary>
/// A training loss of a binary classifier F: R^d → R with labels y ∈ {−1, +1} (the sign of F is the class).
/// </summary>
public interface IMarginLoss
{
    MarginLossKind Kind { get; }

    /// <summary>The loss on one batch: a scalar with a graph to the classifier's weights.</summary>
    /// <param name="classifier">Images [n, ...] → scores [n] (or [n, 1]), at the current weights.</param>
    /// <param name="images">Inputs [N, ...].</param>
    /// <param name="signs">Labels y, ±1, [N], in the images' dtype.</param>
    Tensor Compute(Func<Tensor, Tensor> classifier, Tensor images, Tensor signs);
}
