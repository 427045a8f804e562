using Nlset.Geometry;

namespace Nlset.Classification.Attacks;

/// <summary>What a PGD attack ascends: the cross-entropy of the label, or the negated class margin −F^y (a CW-style margin loss).</summary>
public enum AttackLoss
{
    CrossEntropy,
    Margin,
}

public static class AttackLossNames
{
    public static string Key(this AttackLoss loss) => loss == AttackLoss.CrossEntropy ? "xent" : "margin";

    public static AttackLoss Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "xent" or "cross-entropy" or "ce" => AttackLoss.CrossEntropy,
        "margin" or "cw" => AttackLoss.Margin,
        _ => throw new InvalidInputException($"unknown attack loss '{text}' (expected xent or margin)"),
    };
}
