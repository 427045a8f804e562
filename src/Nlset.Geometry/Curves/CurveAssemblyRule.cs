namespace Nlset.Geometry.Curves;

/// <summary>
/// The settings of <see cref="CurveAssembly"/>. Distances are multiples of the cloud's own reach (the radius of a ball
/// holding ~6 points) and noise (<see cref="CloudScale"/>), the larger of the two, so the rule does not depend on the
/// units, the density or the noise of the data.
/// </summary>
public sealed record CurveAssemblyRule
{
    /// <summary>
    /// A curve vertex is supported when <see cref="CurveAssembly.SupportingPoints"/> data points lie within
    /// max(1.5 reaches, 3 noise deviations): on the curve a ball that size holds ~9 points even where the sample is
    /// sparse, and nearly all of the noisy points across it. Measured on the trefoil (noise 0.05): supported stretches of
    /// the network's curve lie 0.03 from the data on average, while its detours at the crossings run up to 0.5 away.
    /// </summary>
    public double SupportReaches { get; init; } = 1.5;
    public double SupportNoises { get; init; } = 3;
    /// <summary>
    /// Radius of the data's local line fits (<see cref="DataCentreline"/>): max(2 reaches, 4 noise deviations) — a dozen
    /// points or more, wide enough to average across the noise, and far below the distance between strands of the
    /// samples (≥ 1.0 on the trefoil and the helix, where the radius is 0.2 and 0.135).
    /// </summary>
    public double RadiusReaches { get; init; } = 2;
    public double RadiusNoises { get; init; } = 4;
    /// <summary>Open ends still apart after tracing are joined by a segment when at most this many radii apart and
    /// facing each other: holes in the data shorter than that are sampling, not a gap.</summary>
    public double JoinRadii { get; init; } = 2;
    /// <summary>A curve with at least this share of its length within the support distance of longer curves repeats them and is dropped.</summary>
    public double DuplicateShare { get; init; } = 0.8;
    /// <summary>
    /// Finally the curves are smoothed along their length (<see cref="CurveSmoothing"/>) by a Gaussian of this many fit
    /// radii (0: off). 1, measured on the trefoil and helix networks of docs/curves.md: Chamfer sum 0.656 → 0.501 %
    /// and 0.838 → 0.627 %; 0.5 and 1.5 radii gave 0.558 / 0.659 % on the trefoil. The network's curve passes through
    /// the noisy points rather than between them; averaging over a radius (≈ 4 noise deviations) removes that wiggle.
    /// </summary>
    public double SmoothingRadii { get; init; } = 1;
    public GapCompletionRule Gaps { get; init; } = new();

    /// <summary>The support distance for a cloud of <paramref name="scale"/>.</summary>
    public double SupportDistance(CloudScale scale) => Math.Max(SupportReaches * scale.Reach, SupportNoises * scale.Noise);

    /// <summary>The radius of the data's line fits for a cloud of <paramref name="scale"/>.</summary>
    public double Radius(CloudScale scale) => Math.Max(RadiusReaches * scale.Reach, RadiusNoises * scale.Noise);

    public CurveAssemblyRule Validated()
    {
        foreach (var (name, value) in new[] { ("support reaches", SupportReaches), ("support noises", SupportNoises), ("radius reaches", RadiusReaches), ("radius noises", RadiusNoises) })
            if (!(value >= 0) || !double.IsFinite(value)) throw new InvalidInputException($"the {name} must be a non-negative number, got {value}");
        if (!(SupportReaches > 0 || SupportNoises > 0)) throw new InvalidInputException("the support distance must not be zero");
        if (!(RadiusReaches > 0 || RadiusNoises > 0)) throw new InvalidInputException("the fit radius must not be zero");
        if (!(JoinRadii >= 0) || !double.IsFinite(JoinRadii)) throw new InvalidInputException($"the join distance must be a non-negative number of radii, got {JoinRadii}");
        if (!(SmoothingRadii >= 0) || !double.IsFinite(SmoothingRadii)) throw new InvalidInputException($"the smoothing must be a non-negative number of fit radii, got {SmoothingRadii}");
        if (!(DuplicateShare > 0 && DuplicateShare <= 1)) throw new InvalidInputException($"the duplicate share must lie in (0, 1], got {DuplicateShare}");
        Gaps.Validated();
        return this;
    }
}
