using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Robust;

/// <summary>One training method's loss on a batch: it may switch the model between eval (searches) and train (the loss forward).</summary>
public interface IRobustLoss
{
    RobustMethod Method { get; }

    /// <param name="model">Images [N, C, H, W] → logits [N, K].</param>
    /// <param name="epoch">0-based epoch (for ε ramps).</param>
    RobustStep Compute(nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels, int epoch);
}

/// <summary>
/// A batch's loss (no graph when nothing in the batch contributes: then there is nothing to step), which examples the
/// model classified correctly before the step, the class it predicted for each (argmax of the clean logits, int64 [N]:
/// the per-class counts show a class that no input gets any more), and for the level-set loss how many examples had a
/// boundary sample.
/// </summary>
public sealed record RobustStep(Tensor Loss, Tensor CleanCorrect, Tensor Predicted, long? BoundarySamples = null) : IDisposable
{
    public void Dispose()
    {
        Loss.Dispose();
        CleanCorrect.Dispose();
        Predicted.Dispose();
    }
}
