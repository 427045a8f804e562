using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Robust;

/// <summary>
/// The margin of the labelled class, F^y(x) = f_y(x) − max_{i≠y} f_i(x) (paper §3.2): positive where x is classified
/// correctly, and S^y = {F^y = 0} is the decision boundary of class y. Also the (negated) margin loss of the
/// Carlini–Wagner-style PGD attack the paper added to its evaluation.
/// </summary>
public static class ClassMargin
{
    /// <summary>Logits [N, K] and labels [N] (int64) → F^y [N], differentiable in the logits.</summary>
    public static Tensor Of(Tensor logits, Tensor labels)
    {
        if (logits.dim() != 2 || labels.dim() != 1 || labels.shape[0] != logits.shape[0])
            throw new ArgumentException($"expected logits [N, K] and labels [N], got [{string.Join(", ", logits.shape)}] and [{string.Join(", ", labels.shape)}]");
        using var scope = torch.NewDisposeScope();
        using var minusInfinity = double.NegativeInfinity.ToScalar();   // explicit: attacks call this every query
        var index = labels.unsqueeze(1);
        var own = logits.gather(1, index).squeeze(1);
        // −∞ on the own class so it never wins the max over the others.
        var others = logits.scatter(1, index, torch.full_like(own.unsqueeze(1), minusInfinity));
        return (own - others.max(1).values).MoveToOuterDisposeScope();
    }
}
