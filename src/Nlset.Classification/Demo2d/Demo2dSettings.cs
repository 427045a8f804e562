using Nlset.Geometry;

namespace Nlset.Classification.Demo2d;

/// <summary>
/// One Figure-1 demo run: the toy set, the network, the loss and its training. Defaults chosen on the toy (docs/demo-2d.md):
/// every loss separates the points well before 1500 full-batch Adam steps, and the picture stops changing.
/// </summary>
public sealed record Demo2dSettings
{
    public ToyLoss Loss { get; init; } = ToyLoss.GeometricSvm;
    public int Points { get; init; } = 40;
    public int Seed { get; init; }
    /// <summary>Full-batch steps (one epoch is one step on so few points).</summary>
    public int Epochs { get; init; } = 1500;
    public double LearningRate { get; init; } = 3e-3;
    /// <summary>Hidden ReLU layers of the MLP F: R² → R.</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [64, 64];
    /// <summary>
    /// ε of the margin losses (Eq. 12), about half the usual gap between the moons: points that cannot all be ε from
    /// the boundary pull it to the middle of the gap. Measured on seed 0 (docs/demo-2d.md): 0.08 stops as soon as every
    /// point is 0.08 away, leaving the boundary no further than cross-entropy's; 0.25 asks too much, and the pull of the
    /// far side lets a few points come within 0.04.
    /// </summary>
    public double Epsilon { get; init; } = 0.15;
    /// <summary>
    /// λ of the geometric SVM (Eq. 11) on the toy's scale (Δ ≈ 0.1–0.5 here, so Δ^−1 is large next to the hinge):
    /// measured on seed 0, 0.02 and 0.05 leave points misclassified or 0.03 from S_0, 0.005 separates all with S_±1 on the classes.
    /// </summary>
    public double Lambda { get; init; } = 0.005;

    public Demo2dSettings Validated()
    {
        if (Epochs is < 1 or > 1_000_000) throw InvalidInputException.ForSetting(nameof(Epochs), name => $"{name} must be 1..1000000, got {Epochs}");
        if (Points is < 4 or > 100_000) throw InvalidInputException.ForSetting(nameof(Points), name => $"{name} must be 4..100000, got {Points}");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw InvalidInputException.ForSetting(nameof(LearningRate), name => $"{name} must be positive, got {LearningRate}");
        if (!(Epsilon > 0) || !double.IsFinite(Epsilon)) throw InvalidInputException.ForSetting(nameof(Epsilon), name => $"{name} must be positive, got {Epsilon}");
        if (!(Lambda >= 0) || !double.IsFinite(Lambda)) throw InvalidInputException.ForSetting(nameof(Lambda), name => $"{name} must be non-negative, got {Lambda}");
        return this;
    }
}
