using TorchSharp;
using TorchSharp.Modules;
using Nlset.Core;
using static TorchSharp.torch;

namespace Nlset.Classification.Models;

/// <summary>
/// 2-D batch normalisation as TorchSharp's nn.BatchNorm2d computes it (same parameters and buffers, so ResNet-18
/// checkpoints load unchanged), but counting the batches with a held Scalar: nn.BatchNorm's forward adds 1 to
/// num_batches_tracked with a Scalar made on the fly in every training step (NL0001, issue 13).
/// </summary>
public sealed class BatchNormalization2d(long features, double eps = 1e-05, double momentum = 0.1)
    : BatchNorm(features, eps, momentum, affine: true, track_running_stats: true, device: null, dtype: null, nameof(BatchNorm2d))
{
    protected override void ValidateInputDimensions(Tensor input)
    {
        if (input.ndim != 4) throw new ArgumentException($"expected 4D input, but got {input.ndim}D input.");
    }

    public override Tensor forward(Tensor input)
    {
        ValidateInputDimensions(input);
        double averageFactor = momentum ?? 0.0;
        if (training && num_batches_tracked is not null)
        {
            num_batches_tracked.add_(HeldScalars.One, HeldScalars.One);
            averageFactor = momentum ?? 1.0 / num_batches_tracked.item<long>();
        }
        var statistics = !training || track_running_stats;
        return nn.functional.batch_norm(input, statistics ? running_mean : null, statistics ? running_var : null, weight, bias,
            training || running_mean is null && running_var is null, averageFactor, eps);
    }
}
