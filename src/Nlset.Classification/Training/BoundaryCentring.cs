using Nlset.Classification.Models;
using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Classification.Training;

/// <summary>
/// Starts the decision boundary among the training examples: subtracts the median score on them from the output bias,
/// so half the examples start on each side. A freshly initialised network's boundary can miss the data entirely
/// (measured: F between −0.45 and −0.24 on every example of a two-blob toy); the geometric SVM loss (Eq. 11) then
/// measures every example against a boundary that is far away and nearly flat, and its gradient can steepen F instead
/// of moving S_0 — a run collapsed to one class. Output-space losses do not need it, but every loss gets it, so all
/// start from the same network.
/// </summary>
public static class BoundaryCentring
{
    /// <summary>Shifts the output bias by −median F(images); returns the shift.</summary>
    public static double Apply(IBinaryClassifier classifier, nn.Module<Tensor, Tensor> model, Tensor images, int chunkSize = 1024)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var n = images.shape[0];
        var scores = new List<Tensor>();
        for (long start = 0; start < n; start += chunkSize)
            scores.Add(model.call(images.narrow(0, start, Math.Min(chunkSize, n - start))).reshape(-1));
        var median = torch.cat(scores.ToArray()).median().item<float>();
        using var shift = median.ToScalar();
        classifier.OutputLayer.bias!.sub_(shift);
        return median;
    }
}
