using System.Diagnostics;
using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.Curves;
using Nlset.Geometry.Meshing;

namespace Nlset.Reconstruction;

/// <summary>How a curve is extracted from a two-output network.</summary>
public sealed record CurveExtractionSettings
{
    /// <summary>Marching-cubes samples along the largest side of the box, for the surface {F₁ = 0} the curve is traced on.</summary>
    public int Resolution { get; init; } = 128;
    /// <summary>Newton-project every curve vertex onto {F₁ = F₂ = 0} (l = 2) after linear interpolation.</summary>
    public bool Snap { get; init; } = true;
    /// <summary>Keep the network's whole curve: no judging by the data (<see cref="CurveAssembly"/>), no dropping of tiny curves.</summary>
    public bool KeepAll { get; init; }
    /// <summary>How the curve is judged against the data it was trained on (when that data is given).</summary>
    public CurveAssemblyRule Assembly { get; init; } = new();
    /// <summary>Without the data, only tiny curves can be dropped (<see cref="SpuriousCurves"/>).</summary>
    public SpuriousCurveRule Spurious { get; init; } = new();

    /// <summary>A snapped vertex may move at most this many grid spacings (linear interpolation is off by far less).</summary>
    public const double MaxSnapSpacings = 2;

    public CurveExtractionSettings Validated()
    {
        if (Resolution < 8 || Resolution > 2048) throw InvalidInputException.ForSetting(nameof(Resolution), name => $"{name} must be 8..2048, got {Resolution}");
        Assembly.Validated();
        Spurious.Validated();
        return this;
    }
}

/// <summary>A curve extracted from a network, in the input's coordinates, and what it took.</summary>
/// <param name="Curve">The polylines (no triangles).</param>
/// <param name="Found">Polylines the network's curve was traced as, before the clean-up.</param>
/// <param name="Dropped">Pieces of curve dropped by the clean-up: stretches the data does not support and curves that
/// repeat others (with the data), or tiny curves (without it); 0 with KeepAll.</param>
/// <param name="DroppedLength">Their length in the input's units.</param>
/// <param name="Assembly">What the clean-up against the data did (normalised units), or null without data or with KeepAll.</param>
/// <param name="Snap">What snapping did (null when off or there was nothing to snap).</param>
/// <param name="FieldEvaluations">Network evaluations: marching cubes on F₁ plus F₂ on the mesh vertices (each a forward of both outputs).</param>
public sealed record CurveExtraction(Mesh Curve, int Found, int Dropped, double DroppedLength, CurveAssemblyReport? Assembly, SnapStatistics? Snap,
    long FieldEvaluations, int SurfaceTriangles, TimeSpan Elapsed);

/// <summary>
/// The curve of a trained two-output network, {F₁ = 0} ∩ {F₂ = 0} (paper §3.3), as polylines: traced by
/// <see cref="LevelSetIntersection"/> (marching cubes on F₁, the zero contour of F₂ across its triangles) over the
/// training box, each vertex snapped onto the curve by <see cref="CurveSnapping"/>, then judged against the data
/// (<see cref="CurveAssembly"/>: only the stretches the data supports and the network's completions of gaps in the data
/// are kept, and the pieces are joined along the data into closed or open curves), and mapped back to the input's
/// coordinates. Without the data only tiny curves are dropped (<see cref="SpuriousCurves"/>).
/// </summary>
public static class CurveExtractor
{
    /// <param name="normalisedData">The training cloud in the network's coordinates (for judging support); empty when unknown.</param>
    public static CurveExtraction Extract(ImplicitNetwork network, Normalization normalization, CurveExtractionSettings settings,
        ReadOnlySpan<Vector3d> normalisedData)
    {
        ArgumentNullException.ThrowIfNull(network);
        settings.Validated();
        if (network.Spec.Outputs != 2 || network.Spec.InputDim != 3)
            throw new InvalidInputException($"a curve needs a network with 3 inputs and 2 outputs, got {network.Spec}");
        var clock = Stopwatch.StartNew();
        var half = ReconstructionSettings.BoxHalfSize;
        var box = new BoundingBox(new Vector3d(-half, -half, -half), new Vector3d(half, half, half));
        var options = new MarchingCubesOptions { Resolution = settings.Resolution, Sparse = settings.Resolution > 64 };
        var traced = LevelSetIntersection.Extract(NetworkField.Of(network, 0), NetworkField.Of(network, 1), box, options);
        var curve = traced.Curve;

        SnapStatistics? snap = null;
        if (settings.Snap && curve.VertexCount > 0)
        {
            var device = network.parameters().First().device;
            snap = CurveSnapping.Snap(network.forward, curve.Vertices, CurveExtractionSettings.MaxSnapSpacings * traced.Grid.Spacing, device);
        }

        int found = curve.Polylines.Count, dropped = 0;
        double droppedLength = 0;
        CurveAssemblyReport? assembly = null;
        if (settings.KeepAll) { }
        else if (normalisedData.Length >= CurveAssembly.MinimumData)
        {
            var assembled = CurveAssembly.Assemble(curve, normalisedData, settings.Assembly);
            curve = assembled.Curves;
            assembly = assembled.Report;
            dropped = assembly.DroppedRuns + assembly.Duplicates;
            droppedLength = (assembly.DroppedLength + assembly.DuplicateLength) / normalization.Scale;
        }
        else
        {
            var pruned = SpuriousCurves.Remove(curve, normalisedData, settings.Spurious);
            curve = pruned.Curves;
            dropped = pruned.Dropped;
            droppedLength = pruned.DroppedLength / normalization.Scale;
        }
        return new CurveExtraction(normalization.Invert(curve), found, dropped, droppedLength, assembly, snap,
            traced.SurfaceStatistics.FieldEvaluations + traced.SecondFieldEvaluations, traced.Surface.TriangleCount, clock.Elapsed);
    }
}
