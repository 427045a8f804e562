using Nlset.Geometry;

namespace Nlset.Classification.Demo2d;

/// <summary>The four losses of Figure 1: (a) cross-entropy, (b) the robust margin loss (Eq. 12) with L∞, (c) with L2, (d) the geometric SVM (Eq. 11).</summary>
public enum ToyLoss
{
    CrossEntropy,
    LInfinityMargin,
    L2Margin,
    GeometricSvm,
}

public static class ToyLosses
{
    public static readonly ToyLoss[] All = [ToyLoss.CrossEntropy, ToyLoss.LInfinityMargin, ToyLoss.L2Margin, ToyLoss.GeometricSvm];

    public static string Key(this ToyLoss loss) => loss switch
    {
        ToyLoss.CrossEntropy => "xent",
        ToyLoss.LInfinityMargin => "linf-margin",
        ToyLoss.L2Margin => "l2-margin",
        ToyLoss.GeometricSvm => "geometric-svm",
        _ => throw new ArgumentOutOfRangeException(nameof(loss)),
    };

    /// <summary>The panel letter of the paper's Figure 1.</summary>
    public static char Panel(this ToyLoss loss) => (char)('a' + Array.IndexOf(All, loss));

    public static ToyLoss Parse(string text) =>
        All.FirstOrDefault(l => string.Equals(l.Key(), text.Trim(), StringComparison.OrdinalIgnoreCase), (ToyLoss)(-1)) is var loss && loss >= 0
            ? loss
            : throw InvalidInputException.ForSetting(nameof(Demo2dSettings.Loss), name => $"{name} '{text}': expected {string.Join(", ", All.Select(l => l.Key()))}");
}
