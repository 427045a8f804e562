using System.Globalization;
using Nlset.Geometry;

namespace Nlset.Classification.Robust;

/// <summary>
/// Wrongly classified examples whose ε_wrong-box search did not cross S^y. The reference code drops them, and so does
/// <see cref="Nothing"/>. Measured on mnist-10k (docs/robust.md), that lets a class die: once f_y is below its rivals
/// everywhere in reach, no example of class y finds a boundary sample, nothing pulls S^y back, and the clean accuracy
/// stalls (39 % after 4 epochs on 8,000 images). <see cref="NewtonProjection"/> projects such examples onto S^y with the
/// core's generalized Newton iterations (Eq. 4, paper §2.1) from the search's end point, without the box: a genuine, if
/// distant, boundary sample that the loss then pulls towards x.
/// </summary>
public enum WrongWithoutBoundary
{
    Nothing,
    NewtonProjection,
}

/// <summary>
/// The settings of Eq. 12 (defaults: the reference code's MNIST configuration). ε_correct ramps linearly from
/// <see cref="EpsCorrectStart"/> to <see cref="EpsCorrect"/> over <see cref="RampEpochs"/> epochs (the reference's
/// linspace: epoch e &lt; R uses start + (end − start)·e/(R − 1), later epochs the end value; R = 1 means no ramp);
/// ε_wrong is constant.
/// </summary>
public sealed record LevelSetRobustSettings
{
    public double EpsCorrect { get; init; } = 0.4;
    public double EpsCorrectStart { get; init; } = 0.4;
    public int RampEpochs { get; init; } = 1;
    public double EpsWrong { get; init; } = 0.5;
    public double LambdaCorrect { get; init; } = 1.0;
    /// <summary>The paper fixes λ = 1 for wrongly classified examples.</summary>
    public double LambdaWrong { get; init; } = 1.0;
    /// <summary>PGD steps of the boundary search (MNIST 40, CIFAR-10 20).</summary>
    public int SearchSteps { get; init; } = 40;
    /// <summary>α of the boundary search (MNIST 0.01, CIFAR-10 0.007).</summary>
    public double StepSize { get; init; } = 0.01;
    /// <summary>The attack radius α was tuned for (MNIST 0.3, CIFAR-10 0.031): correct examples step α·ε_correct/this.</summary>
    public double SearchBaseEpsilon { get; init; } = 0.3;
    public RobustDistance Distance { get; init; } = RobustDistance.Coordinate;
    /// <summary>
    /// What a wrongly classified example whose search found no boundary contributes. Default: a Newton projection — a
    /// departure from the reference code (nothing), with which training stalled at 39 % on mnist-10k (docs/robust.md).
    /// </summary>
    public WrongWithoutBoundary WrongWithoutBoundary { get; init; } = WrongWithoutBoundary.NewtonProjection;

    /// <summary>Where a ramp of ε_correct starts (the reference code's CIFAR-10 start).</summary>
    public const double RampStart = 0.001;

    /// <summary>The reference code's CIFAR-10 configuration: ε_correct 0.001 → 0.045 over 50 epochs, ε_wrong 0.05, 20 steps of 0.007, λ_correct 11.</summary>
    public static LevelSetRobustSettings Cifar10 => new()
    {
        EpsCorrect = 0.045, EpsCorrectStart = RampStart, RampEpochs = 50, EpsWrong = 0.05, LambdaCorrect = 11,
        SearchSteps = 20, StepSize = 0.007, SearchBaseEpsilon = 0.031,
    };

    /// <summary>(ε_correct, ε_wrong) of a 0-based epoch.</summary>
    public (double Correct, double Wrong) EpsilonsAt(int epoch)
    {
        if (RampEpochs <= 1 || epoch >= RampEpochs - 1) return (EpsCorrect, EpsWrong);
        return (EpsCorrectStart + (EpsCorrect - EpsCorrectStart) * Math.Max(epoch, 0) / (RampEpochs - 1), EpsWrong);
    }

    public LevelSetRobustSettings Validated()
    {
        static bool Radius(double v) => v >= 0 && v <= 1;
        if (!Radius(EpsCorrect) || !Radius(EpsCorrectStart) || !Radius(EpsWrong))
            throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
                $"ε_correct ({EpsCorrectStart} → {EpsCorrect}) and ε_wrong ({EpsWrong}) must be in [0, 1]"));
        if (RampEpochs < 1) throw new InvalidInputException($"the ε ramp needs at least 1 epoch, got {RampEpochs}");
        if (!(LambdaCorrect >= 0) || !(LambdaWrong >= 0) || !double.IsFinite(LambdaCorrect) || !double.IsFinite(LambdaWrong))
            throw new InvalidInputException("λ_correct and λ_wrong must be non-negative numbers");
        if (SearchSteps < 1) throw new InvalidInputException($"the boundary search needs at least 1 PGD step, got {SearchSteps}");
        if (!(StepSize > 0 && StepSize <= 1)) throw new InvalidInputException($"the search step must be in (0, 1], got {StepSize.ToString(CultureInfo.InvariantCulture)}");
        if (!(SearchBaseEpsilon > 0 && SearchBaseEpsilon <= 1)) throw new InvalidInputException("the search's base ε must be in (0, 1]");
        return this;
    }
}
