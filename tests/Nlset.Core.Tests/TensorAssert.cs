using static TorchSharp.torch;

namespace Nlset.Core.Tests;

internal static class TensorAssert
{
    /// <summary>Same shape, same dtype, every element equal (TorchSharp's Tensor.equal is element-wise, not torch.equal).</summary>
    public static bool Identical(Tensor a, Tensor b) =>
        a.shape.SequenceEqual(b.shape) && a.dtype == b.dtype && (a.numel() == 0 || a.eq(b).all().item<bool>());

    public static double MaxAbsDifference(Tensor a, Tensor b) => (a - b).abs().max().to_type(ScalarType.Float64).item<double>();
}
