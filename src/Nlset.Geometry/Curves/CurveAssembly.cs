using Nlset.Geometry.Spatial;

namespace Nlset.Geometry.Curves;

/// <summary>What <see cref="CurveAssembly.Assemble"/> did, in the units of its input.</summary>
/// <param name="Scale">The cloud's spacing and noise.</param>
/// <param name="SupportDistance">A vertex farther than this from the data was unsupported.</param>
/// <param name="Radius">Radius of the data's local line fits.</param>
/// <param name="DroppedRuns">Unsupported runs dropped (whole polylines far from the data included) and their length.</param>
/// <param name="Completions">Unsupported runs kept as gap completions and their length.</param>
/// <param name="OverlapLength">Length cut away because it ran over curve already kept (hairpins, loops along a strand).</param>
/// <param name="Traces">Ends carried on along the data, and the length drawn that way.</param>
/// <param name="TracedJoins">Traces that ended on another end (or closed a curve).</param>
/// <param name="SegmentJoins">Ends joined by a straight segment across a short hole.</param>
/// <param name="Duplicates">Curves dropped because they repeated longer ones, and their length.</param>
public sealed record CurveAssemblyReport(CloudScale Scale, double SupportDistance, double Radius,
    int DroppedRuns, double DroppedLength, int Completions, double CompletionLength, double OverlapLength, int Traces, double TracedLength,
    int TracedJoins, int SegmentJoins, int Duplicates, double DuplicateLength);

public sealed record CurveAssemblyResult(Mesh Curves, CurveAssemblyReport Report);

/// <summary>
/// Turns the curve a network traced, {F₁ = 0} ∩ {F₂ = 0}, into the curve its data supports. The intersection of two
/// closed surfaces is always closed inside the box, and a knot is one only if {F₁ = 0} holds a surface it bounds — so
/// the network's curve leaves the data where its topology cannot follow (chords across a knot's crossings, between a
/// helix's turns, small loops beside them). Steps: (1) split every polyline into runs within the support distance of the
/// data and runs beyond it (<see cref="SupportedRuns"/>); (2) drop the unsupported runs except gap completions
/// (<see cref="GapCompletionRule"/>: the data ends at both sides, smooth, short); (3) cut away stretches that run over
/// curve already kept (<see cref="OverlapRemoval"/>: hairpins, loops along a strand); (4) trim each open end back by one
/// radius (the network had begun to leave the data before crossing the support distance), drop pieces then shorter than
/// two radii, and carry each end on along the
/// data's centre line to the next piece or to where the data ends (<see cref="EndTracing"/>); (5) join ends facing each
/// other across short holes (<see cref="EndJoining"/>); (6) drop closed curves and pieces that repeat longer ones
/// after the tracing (<see cref="DuplicateCurves"/>); (7) smooth what is left along its length
/// (<see cref="CurveSmoothing"/>). Curves entirely far from the data are dropped in (2).
/// </summary>
public static class CurveAssembly
{
    /// <summary>Fewest data points to judge a curve by: a line fit and the support test need a few.</summary>
    public const int MinimumData = 8;

    /// <summary>Trace steps per fit radius: half a radius moves on well within the region the last fit saw.</summary>
    const double StepsPerRadius = 2;
    /// <summary>
    /// Where the network's curve leaves the data it is already turning away inside the support distance, so the
    /// direction of a supported end is the chord over this many radii behind it (0.6 on the trefoil: a stretch that is
    /// still nearly straight, and long enough that the turn at its end does not dominate).
    /// </summary>
    const double DirectionRadii = 3;
    /// <summary>
    /// Points of one piece closer together along it than this many radii never count as overlapping each other: a
    /// smooth curve's own neighbours lie within the support distance; a hairpin's two sides lie farther apart along it.
    /// </summary>
    const double OverlapExclusionRadii = 2;
    /// <summary>
    /// Points within this many support distances of curve already kept overlap it: 2, because the two sides of a small
    /// loop lying in the data's tube are each within the support distance of its centre line, so up to twice that apart
    /// (with 1, such loops opened into U-shaped pieces that derailed the tracing: a trefoil network trained for 600 steps
    /// came out open, 0.933 %, and a helix one in 2 pieces; with 2 both come out whole, 0.814 % and 0.507 %). Strands
    /// closer than that cannot be told apart in the data anyway.
    /// </summary>
    const double OverlapSupports = 2;
    /// <summary>
    /// Open pieces shorter than this many radii after trimming are dropped before tracing: too short to have a
    /// direction to trace in (0.2-long bits across a helix strand sent traces off the data), and their data is drawn by
    /// the traces from their neighbours. Measured: Chamfer 0.493 → 0.482 % on the trefoil, 0.604 → 0.594 % on the helix.
    /// </summary>
    const double MinPieceRadii = 2;

    /// <param name="curves">Polylines (closed ones repeat their first index), e.g. from <see cref="Meshing.LevelSetIntersection"/>.</param>
    /// <param name="data">The cloud the curve was fitted to, in the same coordinates.</param>
    /// <exception cref="InvalidInputException">Fewer than <see cref="MinimumData"/> data points, all of them equal, or a bad rule.</exception>
    public static CurveAssemblyResult Assemble(Mesh curves, ReadOnlySpan<Vector3d> data, CurveAssemblyRule rule)
    {
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validated();
        if (data.Length < MinimumData) throw new InvalidInputException($"judging a curve by its data needs at least {MinimumData} points, got {data.Length}");
        var scale = CloudScale.Of(data);
        double support = rule.SupportDistance(scale), radius = rule.Radius(scale), step = radius / StepsPerRadius;
        if (!(radius > 0 && support > 0)) throw new InvalidInputException("the data points all coincide: no curve to support");
        var centreline = new DataCentreline(data, radius);
        var tree = new KdTree(data);

        var polylines = new List<(Vector3d[] Points, bool Closed, IReadOnlyList<CurveRun> Runs)>();
        double supportedLength = 0;
        foreach (var line in curves.Polylines)
        {
            bool closed = PolylineChains.IsClosed(line);
            var points = (closed ? line[..^1] : line).Select(i => curves.Vertices[i]).ToArray();
            if (points.Length == 0) continue;
            var supported = points.Select(p => Supported(tree, p, support)).ToArray();
            var runs = SupportedRuns.Split(points, closed, supported, support);
            polylines.Add((points, closed, runs));
            supportedLength += runs.Where(r => r.Supported).Sum(r => RunLength(points, r));
        }

        var pieces = new List<CurvePiece>();
        var tally = new SupportedPieces.Tally();
        foreach (var (points, closed, runs) in polylines)
            pieces.AddRange(SupportedPieces.Cut(points, closed, runs, centreline, rule.Gaps, supportedLength, DirectionRadii * radius, ref tally));

        double overlapLength = OverlapRemoval.Run(pieces, OverlapSupports * support, OverlapExclusionRadii * radius, 2 * radius);
        foreach (var piece in pieces.Where(p => !p.Closed))
        {
            piece.TrimStart(radius);
            piece.TrimEnd(radius);
        }
        pieces.RemoveAll(p => !p.Closed && (p.Points.Count < 2 || p.Length < MinPieceRadii * radius));

        var tracing = new EndTracing(centreline, support, step, maxSteps: data.Length + 16);
        tracing.Run(pieces);
        int segmentJoins = EndJoining.Run(pieces, rule.JoinRadii * radius, rule.Gaps.MaxTurnDegrees, radius);
        var (duplicates, duplicateLength) = DuplicateCurves.Remove(pieces, support, rule.DuplicateShare);

        var report = new CurveAssemblyReport(scale, support, radius, tally.Dropped, tally.DroppedLength, tally.Completions,
            tally.CompletionLength, overlapLength, tracing.Traces, tracing.TracedLength, tracing.Joins, segmentJoins, duplicates, duplicateLength);
        return new CurveAssemblyResult(CurveSmoothing.Smooth(ToMesh(pieces, curves.Comments), rule.SmoothingRadii * radius), report);
    }

    /// <summary>
    /// Data points near a vertex needed to support it: 3, so that a curve grazing one or two stray noisy points (the
    /// network's chords pass by them) is not supported, while a vertex on a strand has a dozen within the distance.
    /// </summary>
    public const int SupportingPoints = 3;

    static bool Supported(KdTree data, Vector3d p, double distance)
    {
        int k = Math.Min(SupportingPoints, data.Count);
        Span<int> index = stackalloc int[k];
        Span<double> d = stackalloc double[k];
        data.KNearest(p, k, index, d);
        return d[k - 1] <= distance;
    }

    /// <summary>The pieces as polylines, longest first; a closed one repeats its first index.</summary>
    static Mesh ToMesh(List<CurvePiece> pieces, List<string> comments)
    {
        var vertices = new List<Vector3d>();
        var lines = new List<int[]>();
        foreach (var piece in pieces.OrderByDescending(p => p.Length))
        {
            int first = vertices.Count;
            vertices.AddRange(piece.Points);
            var line = Enumerable.Range(first, piece.Points.Count);
            lines.Add(piece.Closed && piece.Points.Count > 2 ? [.. line, first] : [.. line]);
        }
        return new Mesh([.. vertices], polylines: lines) { Comments = [.. comments] };
    }

    static double RunLength(Vector3d[] points, CurveRun run)
    {
        double length = 0;
        for (int k = 1; k < run.Count; k++) length += (points[run.At(k, points.Length)] - points[run.At(k - 1, points.Length)]).Length;
        return length;
    }
}
