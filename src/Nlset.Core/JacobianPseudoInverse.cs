using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Core;

/// <summary>
/// The Moore–Penrose pseudo-inverse DxF^† of a batch of l × d Jacobians (l = 1 or 2), guarded against
/// (near-)singular J Jᵀ. It is the linear map of the generalized Newton step (Eq. 4) and of the sample network (Eq. 9).
/// </summary>
public static class JacobianPseudoInverse
{
    /// <summary>
    /// Lower bound on the eigenvalues of J Jᵀ. For l = 1 this is the reference code's clamp of ‖∇F‖² at 1e-6
    /// (Eq. 5 becomes ∇F / max(‖∇F‖², 1e-6)); for l = 2 the same bound applies to both eigenvalues of the 2 × 2
    /// matrix J Jᵀ, so a well-conditioned J gets the exact pseudo-inverse and a rank-deficient one degrades to a
    /// bounded step instead of a division by ~0.
    /// </summary>
    public const double EigenvalueFloor = 1e-6;

    static readonly Scalar Floor = EigenvalueFloor, Reciprocal = 1.0 / EigenvalueFloor, Tiny = double.Epsilon;

    /// <summary>J [n, l, d] → J^† [n, d, l], detached, in J's dtype.</summary>
    public static Tensor Of(Tensor jacobian)
    {
        if (jacobian.dim() != 3 || jacobian.shape[1] is not (1 or 2))
            throw new ArgumentException(
                $"expected Jacobians of shape [n, l, d] with l = 1 or 2, got [{string.Join(", ", jacobian.shape)}]");
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var j = jacobian.detach();
        var result = j.shape[1] == 1 ? ScalarField(j) : TwoChannelField(j);
        return result.MoveToOuterDisposeScope();
    }

    // Eq. 5: DxF^† = ∇F / ‖∇F‖², with the floor.
    static Tensor ScalarField(Tensor j) =>
        (j / j.Squared().sum(-1, keepdim: true).clamp_min(Floor)).transpose(1, 2);

    // J^† = Jᵀ (J Jᵀ)^{-1}, with (J Jᵀ)^{-1} in closed form from the 2 × 2 eigen-decomposition, eigenvalues clamped.
    // Done in float64: J Jᵀ of nearly parallel rows cancels catastrophically in float32.
    static Tensor TwoChannelField(Tensor j)
    {
        var jd = j.to_type(ScalarType.Float64);
        var a = jd.matmul(jd.transpose(1, 2));                // [n, 2, 2], symmetric positive semi-definite
        var a00 = a[.., 0, 0];
        var a01 = a[.., 0, 1];
        var a11 = a[.., 1, 1];
        var halfTrace = a00.Plus(a11) / Two;
        var radius = ((a00 - a11) / Two).Squared().Plus(a01.Squared()).sqrt();
        var lambdaMax = halfTrace.Plus(radius);
        var lambdaMin = (halfTrace - radius).clamp_min(ZeroReal);
        var determinant = a00 * a11 - a01.Squared();

        // Exact when λ− ≥ f: (J Jᵀ)^{-1} = adj(A)/det. Otherwise, with α = 1/max(λ+, f) and β = 1/f, the inverse with clamped
        // eigenvalues is α P+ + β P− = β I + γ (A − λ− I), γ = (α − β)/(λ+ − λ−), P+ = (A − λ− I)/(λ+ − λ−); when both are
        // clamped, γ = 0 and it is I/f.
        var exact = (lambdaMin >= Floor).view(-1, 1, 1);
        var alpha = lambdaMax.clamp_min(Floor).reciprocal();
        var gamma = torch.where(lambdaMax > Floor,
            (alpha - Reciprocal) / (lambdaMax - lambdaMin).clamp_min(Tiny), torch.zeros_like(alpha));
        var identity = torch.eye(2, dtype: ScalarType.Float64, device: j.device).expand(a.shape[0], 2, 2);
        var adjugate = torch.stack(new[] { torch.stack(new[] { a11, -a01 }, 1), torch.stack(new[] { -a01, a00 }, 1) }, 1);
        var clamped = (identity * Reciprocal).Plus(gamma.view(-1, 1, 1) * (a - lambdaMin.view(-1, 1, 1) * identity));
        var inverse = torch.where(exact, adjugate / determinant.view(-1, 1, 1), clamped);
        return jd.transpose(1, 2).matmul(inverse).to_type(j.dtype);
    }
}
