using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Classification.Training;

/// <summary>Share of examples whose predicted class sign(F(x)) (F ≥ 0 read as +1) equals the label, in batches without a graph.</summary>
public static class BinaryAccuracy
{
    public static double Of(nn.Module<Tensor, Tensor> model, Tensor images, Tensor signs, int chunkSize = 1024)
    {
        var n = images.shape[0];
        if (n == 0) throw new ArgumentException("no examples to evaluate");
        using var noGrad = torch.no_grad();
        long correct = 0;
        for (long start = 0; start < n; start += chunkSize)
        {
            using var scope = torch.NewDisposeScope();
            var length = Math.Min(chunkSize, n - start);
            var scores = model.call(images.narrow(0, start, length)).reshape(-1);
            var predicted = torch.where(scores >= Zero, 1f, -1f);
            correct += predicted.eq(signs.narrow(0, start, length)).sum().item<long>();
        }
        return (double)correct / n;
    }
}
