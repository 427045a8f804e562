namespace Nlset.Geometry.Curves;

/// <summary>
/// An unsupported run of the network's curve between two supported vertices A (before it) and B (after it), as
/// <see cref="GapCompletionRule"/> judges it.
/// </summary>
/// <param name="Length">Arc length from A to B along the run.</param>
/// <param name="TurnAtStart">Angle (degrees) between the supported curve's direction arriving at A and the run's direction leaving A.</param>
/// <param name="TurnAtEnd">Angle between the run's direction arriving at B and the supported curve's direction leaving B.</param>
/// <param name="DataEndsAtStart">The data stops at A: the data centre line cannot be followed beyond A in the curve's direction.</param>
/// <param name="DataEndsAtEnd">The data stops at B (followed backwards from B).</param>
public readonly record struct GapCandidate(double Length, double TurnAtStart, double TurnAtEnd, bool DataEndsAtStart, bool DataEndsAtEnd);

/// <summary>
/// When a stretch of the network's curve away from the data is kept: as the completion of a gap in the data (paper §5.3,
/// Figure 3g: "the network gracefully completes the curve"). A run qualifies when (1) the data really has a gap there —
/// it ends at both of the run's supported ends, so the run does not bypass data that continues (which is what a chord
/// across a knot's crossing or between a helix's turns does); (2) it continues the supported curve smoothly at both ends
/// (turns of at most <see cref="MaxTurnDegrees"/>); (3) it is short relative to the curve: at most
/// <see cref="MaxFraction"/> of the supported length (a long excursion is the network's own, not a completion).
/// </summary>
public sealed record GapCompletionRule
{
    /// <summary>
    /// Longest completion as a fraction of the supported length: 0.3, so that the sample's gap of 20 % of the curve (a
    /// quarter of the 80 % that is supported) is kept with room for a completion that bows out.
    /// </summary>
    public double MaxFraction { get; init; } = 0.3;
    /// <summary>Largest turn where a completion leaves or rejoins the supported curve, degrees: a smooth curve turns little over the few spacings the directions are measured on.</summary>
    public double MaxTurnDegrees { get; init; } = 60;

    public GapCompletionRule Validated()
    {
        if (!(MaxFraction >= 0) || !double.IsFinite(MaxFraction)) throw new InvalidInputException($"the gap fraction must be a non-negative number, got {MaxFraction}");
        if (!(MaxTurnDegrees >= 0 && MaxTurnDegrees <= 180)) throw new InvalidInputException($"the largest turn must lie in [0, 180] degrees, got {MaxTurnDegrees}");
        return this;
    }

    /// <param name="supportedLength">Total length of the supported runs of all the polylines.</param>
    public bool Keeps(GapCandidate gap, double supportedLength) =>
        gap.DataEndsAtStart && gap.DataEndsAtEnd
        && gap.TurnAtStart <= MaxTurnDegrees && gap.TurnAtEnd <= MaxTurnDegrees
        && gap.Length <= MaxFraction * supportedLength;

    /// <summary>Angle between two directions in degrees (0 for a zero vector: no evidence of a turn).</summary>
    public static double Turn(Vector3d a, Vector3d b)
    {
        double la = a.Length, lb = b.Length;
        if (la == 0 || lb == 0) return 0;
        return Math.Acos(Math.Clamp(Vector3d.Dot(a, b) / (la * lb), -1, 1)) * 180 / Math.PI;
    }
}
