using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Core;

/// <summary>
/// F(p) and DxF(p) of a field at a batch of points, with θ frozen: one forward with a graph to a leaf copy of the
/// points only, and one <c>autograd.grad</c> per output channel. Because the gradient is asked for the points alone,
/// nothing is written to the parameters' <c>.grad</c>, so a projection never disturbs a training step around it.
/// </summary>
internal static class InputJacobian
{
    /// <summary>
    /// Values [n, l] and Jacobian [n, l, d] (d = product of the point shape after the batch axis), both detached.
    /// The field may return [n] (taken as l = 1) or [n, l] with l = 1 or 2.
    /// </summary>
    public static (Tensor Values, Tensor Jacobian) Evaluate(Func<Tensor, Tensor, Tensor> field, Tensor points, Tensor rows)
    {
        var n = points.shape[0];
        var d = points.numel() / Math.Max(n, 1);
        using var gradMode = torch.enable_grad();
        var leaf = points.detach().requires_grad_(true);
        var values = AsRows(field(leaf, rows), n);
        var l = values.shape[1];
        if (!values.requires_grad)
            // The field does not depend on the points at all (e.g. a constant): its Jacobian is zero.
            return (values.detach(), torch.zeros(n, l, d, dtype: values.dtype, device: values.device));

        var channels = new Tensor[l];
        for (var j = 0; j < l; j++)
        {
            var channelSum = values.select(1, j).sum();
            var grad = torch.autograd.grad(new[] { channelSum }, new[] { leaf },
                retain_graph: j < l - 1, allow_unused: true)[0];
            channels[j] = grad is null || grad.IsInvalid
                ? torch.zeros(n, d, dtype: values.dtype, device: values.device)
                : grad.reshape(n, d);
        }
        return (values.detach(), torch.stack(channels, 1));
    }

    /// <summary>Checks a field's output for n points and returns it as [n, l].</summary>
    public static Tensor AsRows(Tensor values, long n)
    {
        var shape = values.shape;
        if (shape.Length == 1 && shape[0] == n) return values.unsqueeze(1);
        if (shape.Length == 2 && shape[0] == n && shape[1] is 1 or 2) return values;
        throw new ArgumentException(
            $"a level-set field returned shape [{string.Join(", ", shape)}] for {n} points; expected [{n}] or [{n}, l] with l = 1 or 2");
    }
}
