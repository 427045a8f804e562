using Nlset.Geometry;

namespace Nlset.Classification.Losses;

/// <summary>The three losses of the paper's Figure 2.</summary>
public enum MarginLossKind
{
    /// <summary>Cross-entropy of the logistic model, mean log(1 + e^{−yF}) ("Xent").</summary>
    CrossEntropy,
    /// <summary>Output-space hinge, mean max(0, 1 − yF) ("Hinge").</summary>
    Hinge,
    /// <summary>The geometric SVM loss, Eq. 11 ("Ours").</summary>
    GeometricSvm,
}

public static class MarginLossNames
{
    /// <summary>The command-line name: cross-entropy, hinge, geometric-svm.</summary>
    public static string Key(this MarginLossKind kind) => kind switch
    {
        MarginLossKind.CrossEntropy => "cross-entropy",
        MarginLossKind.Hinge => "hinge",
        MarginLossKind.GeometricSvm => "geometric-svm",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The label of the paper's Figure 2: Xent, Hinge, Ours.</summary>
    public static string PaperLabel(this MarginLossKind kind) => kind switch
    {
        MarginLossKind.CrossEntropy => "Xent",
        MarginLossKind.Hinge => "Hinge",
        MarginLossKind.GeometricSvm => "Ours (geometric SVM)",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static MarginLossKind Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "cross-entropy" or "xent" or "ce" => MarginLossKind.CrossEntropy,
        "hinge" => MarginLossKind.Hinge,
        "geometric-svm" or "geometric" or "gsvm" or "ours" => MarginLossKind.GeometricSvm,
        _ => throw new InvalidInputException($"unknown loss '{text}' (expected geometric-svm, cross-entropy or hinge)"),
    };
}
