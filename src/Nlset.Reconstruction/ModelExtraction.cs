using Nlset.Geometry;
using Nlset.Geometry.IO;

namespace Nlset.Reconstruction;

/// <summary>
/// A saved <see cref="ReconstructionModel"/> turned into geometry again, without training: a level set of a surface
/// network meshed by marching cubes, or a curve network's curve traced again. The curve is judged against the cloud the
/// model was trained on when that cloud is still where it was read from (<see cref="Nlset.Geometry.Curves.CurveAssembly"/>);
/// otherwise only tiny curves are dropped (<see cref="Nlset.Geometry.Curves.SpuriousCurves"/>).
/// </summary>
public static class ModelExtraction
{
    /// <param name="level">Which level set: a signed distance from the surface in the input's units (negative: inside).</param>
    public static SurfaceExtractor.Result Surface(ReconstructionModel model, int resolution, double level, double minComponentArea)
    {
        model.Network.eval();
        // The network's units are the normalised cloud's: a distance t in the input's units is t·scale there.
        return SurfaceExtractor.Extract(model.Network, model.Normalization,
            new SurfaceExtractor.Settings(resolution, level * model.Normalization.Scale, minComponentArea));
    }

    /// <param name="Extraction">The traced curve, in the input's coordinates.</param>
    /// <param name="LostTrainingCloud">The training cloud's path when the model names one that is no longer there (so the
    /// curve could not be judged against it); null otherwise.</param>
    public sealed record TracedCurve(CurveExtraction Extraction, string? LostTrainingCloud);

    public static TracedCurve Curve(ReconstructionModel model, CurveExtractionSettings settings)
    {
        var data = Array.Empty<Vector3d>();
        string? lost = null;
        if (!settings.KeepAll && model.Source is { } source)
        {
            if (File.Exists(source)) data = model.Normalization.ApplyAll(GeometryFiles.Read(source).Vertices);
            else lost = source;
        }
        model.Network.eval();
        return new TracedCurve(CurveExtractor.Extract(model.Network, model.Normalization, settings, data), lost);
    }
}
