using static TorchSharp.torch;

namespace Nlset.Classification.Losses;

/// <summary>The distance of the geometric SVM loss: L∞ in the paper's experiments (§5.1), L2 for the classic SVM (Eq. 10).</summary>
public enum MarginNorm
{
    LInfinity,
    L2,
}

public static class MarginNorms
{
    /// <summary>‖v_i‖ of each row of v [N, ...] → [N] (differentiable; L∞ passes the gradient to the largest coordinate).</summary>
    public static Tensor RowNorms(this MarginNorm norm, Tensor v)
    {
        var rows = v.reshape(v.shape[0], -1);
        return norm == MarginNorm.L2 ? rows.norm(1) : rows.abs().amax(1);
    }
}
