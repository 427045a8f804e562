namespace Nlset.Geometry.Metrics;

/// <summary>How one side of a comparison was turned into samples.</summary>
public enum SampledAs
{
    /// <summary>Triangles, sampled uniformly by area.</summary>
    Surface,
    /// <summary>Polylines (no triangles), sampled uniformly by length.</summary>
    Curve,
    /// <summary>A point set, used as given or subsampled without replacement.</summary>
    PointSet,
}

/// <summary>
/// Everything <see cref="SurfaceComparison.Compare"/> measures. In every two-sided metric A is the
/// reconstruction and B the reference: AToB = reconstruction → reference (accuracy),
/// BToA = reference → reconstruction (completeness). <see cref="NormalConsistency"/> and
/// <see cref="ExactSurfaceError"/> are null unless both inputs are triangle meshes.
/// </summary>
public sealed record ComparisonResult(
    SampledAs ReconstructionSampledAs,
    SampledAs ReferenceSampledAs,
    int ReconstructionSamples,
    int ReferenceSamples,
    ChamferDistance ChamferL1,
    ChamferDistance ChamferL2,
    FScore FScore,
    HausdorffDistance Hausdorff,
    NormalConsistency? NormalConsistency,
    ExactSurfaceError? ExactSurfaceError);
