namespace Nlset.Geometry.Metrics;

/// <summary>How <see cref="SurfaceComparison.Compare"/> samples its inputs and scores them.</summary>
public sealed record ComparisonOptions
{
    /// <summary>The paper's protocol (§5.3): 30,000 area-uniform samples per surface.</summary>
    public const int DefaultSamples = 30_000;

    /// <summary>Fraction of the reference bounding-box diagonal used as the F-score threshold when none is given.</summary>
    public const double DefaultThresholdFraction = 0.01;

    /// <summary>Samples drawn from each mesh or curve, and the size point sets are cut down to when <see cref="SubsamplePointSets"/> is set.</summary>
    public int Samples { get; init; } = DefaultSamples;

    /// <summary>One seed for both sides; the reconstruction is sampled on stream 0 of it and the reference on stream 1.</summary>
    public long Seed { get; init; }

    /// <summary>The F-score distance τ in the inputs' units; null means 0.01 × the reference's bounding-box diagonal.</summary>
    public double? FScoreThreshold { get; init; }

    /// <summary>Draw <see cref="Samples"/> points without replacement from a larger point set instead of using all of its points.</summary>
    public bool SubsamplePointSets { get; init; }
}
