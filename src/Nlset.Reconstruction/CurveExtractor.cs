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
    /// <summary>Keep tiny curves far from the data too (see <see cref="SpuriousCurves"/>).</summary>
    public bool KeepAll { get; init; }
    public SpuriousCurveRule Spurious { get; init; } = new();

    /// <summary>A snapped vertex may move at most this many grid spacings (linear interpolation is off by far less).</summary>
    public const double MaxSnapSpacings = 2;

    public CurveExtractionSettings Validated()
    {
        if (Resolution < 8 || Resolution > 2048) throw new InvalidInputException($"--resolution must be 8..2048, got {Resolution}");
        Spurious.Validated();
        return this;
    }
}

/// <summary>A curve extracted from a network, in the input's coordinates, and what it took.</summary>
/// <param name="Curve">The polylines (no triangles).</param>
/// <param name="Found">Polylines traced before spurious ones were dropped.</param>
/// <param name="Dropped">Tiny curves far from the data that were dropped (0 with KeepAll).</param>
/// <param name="Snap">What snapping did (null when off or there was nothing to snap).</param>
/// <param name="FieldEvaluations">Network evaluations: marching cubes on F₁ plus F₂ on the mesh vertices (each a forward of both outputs).</param>
public sealed record CurveExtraction(Mesh Curve, int Found, int Dropped, double DroppedLength, SnapStatistics? Snap,
    long FieldEvaluations, int SurfaceTriangles, TimeSpan Elapsed);

/// <summary>
/// The curve of a trained two-output network, {F₁ = 0} ∩ {F₂ = 0} (paper §3.3), as polylines: traced by
/// <see cref="LevelSetIntersection"/> (marching cubes on F₁, the zero contour of F₂ across its triangles) over the
/// training box, each vertex snapped onto the curve by <see cref="CurveSnapping"/>, tiny curves far from the data dropped
/// by <see cref="SpuriousCurves"/>, and the result mapped back to the input's coordinates.
/// </summary>
public static class CurveExtractor
{
    /// <param name="normalisedData">The training cloud in the network's coordinates (for judging "far"); empty when unknown.</param>
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
        if (!settings.KeepAll)
        {
            var pruned = SpuriousCurves.Remove(curve, normalisedData, settings.Spurious);
            curve = pruned.Curves;
            dropped = pruned.Dropped;
            droppedLength = pruned.DroppedLength / normalization.Scale;
        }
        return new CurveExtraction(normalization.Invert(curve), found, dropped, droppedLength, snap,
            traced.SurfaceStatistics.FieldEvaluations + traced.SecondFieldEvaluations, traced.Surface.TriangleCount, clock.Elapsed);
    }
}
