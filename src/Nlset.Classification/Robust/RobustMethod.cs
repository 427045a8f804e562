using Nlset.Geometry;

namespace Nlset.Classification.Robust;

/// <summary>The training methods of the paper's Table 1: its level-set loss (Eq. 12) and the three baselines.</summary>
public enum RobustMethod
{
    /// <summary>Standard training: cross-entropy on clean images.</summary>
    Xent,
    /// <summary>Madry et al.: cross-entropy on L∞ PGD adversarial examples.</summary>
    Madry,
    /// <summary>TRADES (Zhang et al.): cross-entropy + β·KL(f(x_adv) ‖ f(x)).</summary>
    Trades,
    /// <summary>The paper's Eq. 12 through the level-set sample network.</summary>
    Ours,
}

public static class RobustMethodNames
{
    public static string Key(this RobustMethod m) => m.ToString().ToLowerInvariant();

    public static RobustMethod Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "xent" or "cross-entropy" or "standard" => RobustMethod.Xent,
        "madry" or "pgd" => RobustMethod.Madry,
        "trades" => RobustMethod.Trades,
        "ours" or "level-set" or "levelset" => RobustMethod.Ours,
        _ => throw new InvalidInputException($"unknown method '{text}' (expected xent, madry, trades or ours)"),
    };
}
