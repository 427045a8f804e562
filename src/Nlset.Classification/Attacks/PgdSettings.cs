using System.Globalization;
using Nlset.Geometry;

namespace Nlset.Classification.Attacks;

/// <summary>An L∞ PGD attack: radius ε, K steps of size α, the loss it ascends. Defaults: the paper's MNIST evaluation (PGD-40, ε 0.3, α 0.01).</summary>
public sealed record PgdSettings(double Epsilon = 0.3, int Steps = 40, double StepSize = 0.01, AttackLoss Loss = AttackLoss.CrossEntropy)
{
    /// <summary>The paper's CIFAR-10 evaluation: PGD-20, ε 0.031, α 0.007 (the reference code's step).</summary>
    public static PgdSettings Cifar10(AttackLoss loss = AttackLoss.CrossEntropy) => new(0.031, 20, 0.007, loss);

    public PgdSettings Validated()
    {
        if (!(Epsilon >= 0 && Epsilon <= 1)) throw new InvalidInputException($"attack ε must be in [0, 1], got {Epsilon.ToString(CultureInfo.InvariantCulture)}");
        if (Steps < 0) throw new InvalidInputException($"attack steps must be at least 0, got {Steps}");
        if (!(StepSize > 0 && StepSize <= 1)) throw new InvalidInputException($"attack step size must be in (0, 1], got {StepSize.ToString(CultureInfo.InvariantCulture)}");
        return this;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"PGD-{Steps} {Loss.Key()} ε {Epsilon} α {StepSize}");
}
