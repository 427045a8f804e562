using System.Globalization;
using Nlset.Geometry.Metrics;

namespace Nlset.Cli.Reporting;

/// <summary>
/// What `nlset eval-chamfer` prints: the <see cref="ComparisonResult"/> in raw units as JSON, or as a
/// table with distances × 1000. Directions are named as in the literature: accuracy is
/// reconstruction → reference, completeness is reference → reconstruction.
/// </summary>
public sealed record ComparisonReport(
    ComparisonReport.Side Reconstruction,
    ComparisonReport.Side Reference,
    long Seed,
    bool Subsample,
    ComparisonReport.TwoWay ChamferL1,
    ComparisonReport.TwoWay ChamferL2,
    ComparisonReport.FScoreReport FScore,
    ComparisonReport.Extreme Hausdorff,
    ComparisonReport.Consistency? NormalConsistency,
    ComparisonReport.SurfaceError? ExactSurfaceError)
{
    public sealed record Side(string File, string SampledAs, int Samples);
    /// <summary>Mean distances each way and their sum (the Chamfer distance).</summary>
    public sealed record TwoWay(double Accuracy, double Completeness, double Sum);
    public sealed record Extreme(double Accuracy, double Completeness, double Max);
    public sealed record Consistency(double Accuracy, double Completeness, double Mean);
    public sealed record FScoreReport(double Threshold, bool DefaultThreshold, double Precision, double Recall, double F);
    public sealed record Summary(double Mean, double P90, double P99, double Max);
    /// <summary>Distances to the exact other surface each way, and the sum of the two means.</summary>
    public sealed record SurfaceError(Summary Accuracy, Summary Completeness, double Sum);

    public static ComparisonReport Of(string reconstruction, string reference, ComparisonOptions options, ComparisonResult r) => new(
        new Side(reconstruction, Name(r.ReconstructionSampledAs), r.ReconstructionSamples),
        new Side(reference, Name(r.ReferenceSampledAs), r.ReferenceSamples),
        options.Seed,
        options.SubsamplePointSets,
        new TwoWay(r.ChamferL1.AToB, r.ChamferL1.BToA, r.ChamferL1.Sum),
        new TwoWay(r.ChamferL2.AToB, r.ChamferL2.BToA, r.ChamferL2.Sum),
        new FScoreReport(r.FScore.Threshold, options.FScoreThreshold == null, r.FScore.Precision, r.FScore.Recall, r.FScore.F),
        new Extreme(r.Hausdorff.AToB, r.Hausdorff.BToA, r.Hausdorff.Max),
        r.NormalConsistency is { } n ? new Consistency(n.AToB, n.BToA, n.Mean) : null,
        r.ExactSurfaceError is { } e ? new SurfaceError(Of(e.Accuracy), Of(e.Completeness), e.Sum) : null);

    static Summary Of(DistanceSummary s) => new(s.Mean, s.P90, s.P99, s.Max);

    static string Name(SampledAs kind) => kind switch
    {
        SampledAs.Surface => "surface",
        SampledAs.Curve => "curve",
        _ => "pointSet",
    };

    public void WriteTable(TextWriter o)
    {
        o.WriteLine($"reconstruction  {Reconstruction.File}");
        o.WriteLine($"                {Describe(Reconstruction)}");
        o.WriteLine($"reference       {Reference.File}");
        o.WriteLine($"                {Describe(Reference)}");
        o.WriteLine($"seed            {Seed}");
        o.WriteLine();
        o.WriteLine($"{"distances x 1000",-22}{"accuracy",12}{"completeness",14}{"both",12}");
        o.WriteLine($"{"",-22}{"recon->ref",12}{"ref->recon",14}");
        Row(o, "Chamfer L1", ChamferL1.Accuracy, ChamferL1.Completeness, ChamferL1.Sum, "sum of means");
        Row(o, "Chamfer L2", ChamferL2.Accuracy, ChamferL2.Completeness, ChamferL2.Sum, "sum of means");
        Row(o, "Hausdorff", Hausdorff.Accuracy, Hausdorff.Completeness, Hausdorff.Max, "max");
        if (ExactSurfaceError is { } e)
        {
            Row(o, "exact surface  mean", e.Accuracy.Mean, e.Completeness.Mean, e.Sum, "sum of means");
            Row(o, "               p90", e.Accuracy.P90, e.Completeness.P90, null, null);
            Row(o, "               p99", e.Accuracy.P99, e.Completeness.P99, null, null);
            Row(o, "               max", e.Accuracy.Max, e.Completeness.Max, null, null);
        }
        else
        {
            o.WriteLine($"{"exact surface",-22}{"-",12}{"-",14}{"-",12}  (needs two triangle meshes)");
        }
        o.WriteLine();
        string how = FScore.DefaultThreshold ? "default: 1% of the reference's bounding-box diagonal" : "as given";
        o.WriteLine($"F-score at threshold {G(FScore.Threshold)} ({F(1000 * FScore.Threshold)} x 1000; {how})");
        o.WriteLine($"{"",-22}{"precision",12}{"recall",14}{"F",12}");
        o.WriteLine($"{"",-22}{F(FScore.Precision),12}{F(FScore.Recall),14}{F(FScore.F),12}");
        if (NormalConsistency is { } n)
            o.WriteLine($"{"normal consistency",-22}{F(n.Accuracy),12}{F(n.Completeness),14}{F(n.Mean),12}  (mean; 1 = parallel)");
        else
            o.WriteLine($"{"normal consistency",-22}{"-",12}{"-",14}{"-",12}  (needs two triangle meshes)");
    }

    static string Describe(Side s) => s.SampledAs switch
    {
        "surface" => $"triangle mesh, {s.Samples} samples uniform by area",
        "curve" => $"polylines, {s.Samples} samples uniform by length",
        _ => $"point set, {s.Samples} points",
    };

    static void Row(TextWriter o, string label, double accuracy, double completeness, double? both, string? note)
    {
        string last = both is double b ? F(1000 * b) : "";
        string tail = note == null ? "" : $"  ({note})";
        o.WriteLine($"{label,-22}{F(1000 * accuracy),12}{F(1000 * completeness),14}{last,12}{tail}".TrimEnd());
    }

    static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
    static string G(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
