using Nlset.Classification.Attacks;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Tests.Attacks;

public sealed class DifferenceOfLogitsRatioTests
{
    // Row 1: z = [1, 3, 2, 0.5], y = 1, t = 0; sorted 3, 2, 1, 0.5.
    //   targeted −(3 − 1) / (3 − (1 + 0.5)/2) = −2 / 2.25; untargeted −(3 − 2) / (3 − 1) = −0.5.
    // Row 2: z = [4, −1, 0, 2], y = 3, t = 1; sorted 4, 2, 0, −1.
    //   targeted −(2 − (−1)) / (4 − (0 − 1)/2) = −3 / 4.5; untargeted −(2 − 4) / (4 − 0) = 0.5.
    static Tensor Logits() => torch.tensor(new[] { 1.0, 3.0, 2.0, 0.5, 4.0, -1.0, 0.0, 2.0 }, dtype: ScalarType.Float64).view(2, 4);
    static readonly Tensor Labels = torch.tensor(new long[] { 1, 3 });
    static readonly Tensor Targets = torch.tensor(new long[] { 0, 1 });

    [Fact]
    public void TargetedMatchesHandValues() =>
        Assert.Equal(new[] { -2 / 2.25, -3 / 4.5 }, DifferenceOfLogitsRatio.Targeted(Logits(), Labels, Targets).data<double>().ToArray(), new Tolerance(1e-12));

    [Fact]
    public void UntargetedMatchesHandValues() =>
        Assert.Equal(new[] { -0.5, 0.5 }, DifferenceOfLogitsRatio.Untargeted(Logits(), Labels).data<double>().ToArray(), new Tolerance(1e-12));

    /// <summary>The point of the ratio: shifting and scaling the logits (a saturated or rescaled network) leaves it unchanged.</summary>
    [Fact]
    public void InvariantToShiftAndScaleOfTheLogits()
    {
        var scaled = Logits() * 7.5 - 3;
        Assert.Equal(DifferenceOfLogitsRatio.Targeted(Logits(), Labels, Targets).data<double>().ToArray(),
            DifferenceOfLogitsRatio.Targeted(scaled, Labels, Targets).data<double>().ToArray(), new Tolerance(1e-12));
        Assert.Equal(DifferenceOfLogitsRatio.Untargeted(Logits(), Labels).data<double>().ToArray(),
            DifferenceOfLogitsRatio.Untargeted(scaled, Labels).data<double>().ToArray(), new Tolerance(1e-12));
    }

    [Fact]
    public void TooFewClassesIsAnError()
    {
        var three = torch.zeros(1, 3);
        var ex = Assert.Throws<ArgumentException>(() => DifferenceOfLogitsRatio.Targeted(three, torch.tensor(new long[] { 0 }), torch.tensor(new long[] { 1 })));
        Assert.Contains("at least 4 classes", ex.Message);
    }

    sealed class Tolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(double value) => 0;
    }
}
