using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Robust;

/// <summary>Standard training: mean cross-entropy of the labels on the clean images.</summary>
public sealed class CrossEntropyTraining : IRobustLoss
{
    public RobustMethod Method => RobustMethod.Xent;

    public RobustStep Compute(nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels, int epoch)
    {
        model.train();
        var logits = model.call(images);
        Tensor correct, predicted;
        using (torch.no_grad())
        {
            predicted = logits.argmax(1);
            correct = predicted.eq(labels);
        }
        return new RobustStep(nn.functional.cross_entropy(logits, labels), correct, predicted);
    }
}
