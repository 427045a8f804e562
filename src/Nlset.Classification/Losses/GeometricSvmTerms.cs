using static TorchSharp.torch;

namespace Nlset.Classification.Losses;

/// <summary>
/// The parts of the geometric SVM loss (Eq. 11) on one batch. Tensors carry the graph to the weights and belong to the
/// dispose scope current when they were computed.
/// </summary>
/// <param name="Total">Hinge + λ · MarginTerm, the scalar to minimise.</param>
/// <param name="Hinge">mean_j max(0, 1 − sign(y_j F(x_j)) · d(x_j, p0_j) / Δ_j).</param>
/// <param name="MarginTerm">mean_j Δ_j^α (before λ).</param>
/// <param name="Distance">d(x_j, p0_j(θ)) [N]: each example's distance to its projection on the decision boundary.</param>
/// <param name="Delta">Δ_j [N]: the local margin width min(d(p0, p1), d(p0, p−1)).</param>
/// <param name="Converged">Share of the 3N Newton projections (onto S_0, S_1, S_−1) that reached their level.</param>
public sealed record GeometricSvmTerms(Tensor Total, Tensor Hinge, Tensor MarginTerm, Tensor Distance, Tensor Delta, double Converged);
