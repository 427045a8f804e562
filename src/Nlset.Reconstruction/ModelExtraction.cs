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

    /// <summary>What <see cref="Refine"/> did to an extracted surface.</summary>
    /// <param name="LostTrainingCloud">The training cloud's path when the refinement needed it and it is no longer there.</param>
    public sealed record RefinedSurface(Mesh Mesh, RefinementOutcome Outcome, string? LostTrainingCloud);

    /// <summary>
    /// The zero level set's mesh moved onto the training cloud's moving-least-squares surface, as the reconstruction that
    /// saved the model did (<see cref="SurfaceRefinement"/>): <see cref="MeshRefinement.Auto"/> follows the model's own
    /// setting and the cloud's noise estimate (a model saved before the refinement existed is left as meshed);
    /// <see cref="MeshRefinement.On"/> refines whenever the cloud is there. The cloud is read from where it was trained
    /// from and prepared as the training prepared it (normalised, denoised if its settings said so).
    /// </summary>
    /// <exception cref="InvalidInputException"><see cref="MeshRefinement.On"/> and the model names no training cloud, or it is gone.</exception>
    public static RefinedSurface Refine(ReconstructionModel model, Mesh mesh, MeshRefinement setting)
    {
        var saved = model.Settings is { } json ? ReconstructionSettingsJson.FromJson(json) : new ReconstructionSettings { Refinement = MeshRefinement.Off };
        if (setting == MeshRefinement.Off || setting == MeshRefinement.Auto && saved.Refinement == MeshRefinement.Off)
            return new RefinedSurface(mesh, RefinementOutcome.NotApplied, null);
        if (model.Source is not { } source || !File.Exists(source))
        {
            if (setting == MeshRefinement.On)
                throw InvalidInputException.ForSetting(nameof(ReconstructionSettings.Refinement), name =>
                    $"{name} on needs the cloud the model was trained on, {(model.Source is null ? "which the model does not name" : $"and {model.Source} is gone")}");
            return new RefinedSurface(mesh, RefinementOutcome.NotApplied, model.Source);
        }
        var (cloud, denoising) = SurfaceReconstruction.Prepare(GeometryFiles.Read(source).Vertices, model.Normalization, saved);
        var refine = setting == MeshRefinement.On || SurfaceRefinement.Applies(saved.Refinement, denoising);
        if (!refine) return new RefinedSurface(mesh, RefinementOutcome.NotApplied, null);
        var (refined, outcome) = SurfaceRefinement.Apply(mesh, cloud, model.Normalization);
        return new RefinedSurface(refined, outcome, null);
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
