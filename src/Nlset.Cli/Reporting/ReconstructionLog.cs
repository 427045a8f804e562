using System.Globalization;
using Nlset.Geometry;
using Nlset.Reconstruction;

using Nlset.Cli.Commands;

namespace Nlset.Cli.Reporting;

/// <summary>
/// What `reconstruct` (and each `batch` row) says while the library runs a reconstruction: the job, the noise
/// estimate, the progress bar, what the extraction dropped, the files written. Ctrl+C stops the training only while it runs.
/// </summary>
sealed class ReconstructionLog(CliContext ctx, bool ctrlCStops, bool keepHistory) : IReconstructionObserver, IDisposable
{
    readonly CancellationTokenSource _stop = new();
    CtrlCStop? _ctrlC;
    ProgressReporter? _bar;
    bool _curve;

    /// <summary>Cancelled by Ctrl+C during the training (or by <see cref="Cancel"/>).</summary>
    public CancellationToken Stop => _stop.Token;

    /// <summary>Stops the training after its step, as Ctrl+C does (a batch's SIGTERM).</summary>
    public void Cancel() => _stop.Cancel();

    /// <summary>The input points (for the preview picture).</summary>
    public Vector3d[]? Cloud { get; private set; }

    /// <summary>The loss terms of every step (a surface's --json reports its first; --plots draws them).</summary>
    public TrainingHistory? History { get; private set; }

    public void Opened(ReconstructionJob job)
    {
        Cloud = job.Cloud;
        _curve = job.Request.Shape == ReconstructionShape.Curve;
        if (keepHistory) History = new TrainingHistory(job.Settings.Lambda);
        TrainingReport.Opened(ctx, job);
    }

    public void Prepared(DenoisingDecision dn)
    {
        if (dn.Thinning is { Method: CloudThinning.VoxelCentroids } t)
            ctx.Log.Information("Thinned {Input:N0} points to {Points:N0} voxel centroids (voxels {Side:P2} of the largest side, {PerVoxel:F1} points each; --max-points all keeps every point)",
                t.InputPoints, t.Points, t.VoxelSide, (double)t.InputPoints / t.Points);
        else if (dn.Thinning is { } r)
            ctx.Log.Information("Thinned {Input:N0} points to a random {Points:N0} (a noisy cloud's voxel centroids would only quantise its noise; --max-points all keeps every point)",
                r.InputPoints, r.Points);
        ctx.Log.Information("Noise estimate of the cloud: roughness {Roughness:F3} ({Kind}; noisy from {Threshold}): {What}",
            dn.Noise?.Roughness ?? double.NaN, dn.Noise is { Roughness: >= InputDenoising.NoisyRoughness } ? "noisy" : "clean", InputDenoising.NoisyRoughness,
            dn.Neighbours > 0 ? $"training on the points moved onto the planes of their {dn.Neighbours} nearest neighbours" : "training on the points as given");
    }

    public IProgress<TrainingProgress> TrainingStarted()
    {
        if (ctrlCStops)
        {
            _ctrlC = new CtrlCStop(ctx);
            _ctrlC.Token.Register(_stop.Cancel);
        }
        _bar = new ProgressReporter(ctx, "training");
        return TrainingReport.ProgressOn(_bar, _curve ? "‖F‖" : "|F|", History);
    }

    public void TrainingEnded()
    {
        _bar?.Dispose();
        _ctrlC?.Dispose();
        (_bar, _ctrlC) = (null, null);
    }

    public void Trained(ReconstructionJob job, ReconstructionOutcome outcome)
    {
        var (t, settings) = (outcome.Training, job.Settings);
        if (t.Stopped) ctx.Log.Warning(ctrlCStops ? "Stopped by Ctrl+C after {Iterations} steps; writing the mesh and model from the current weights"
            : "Stopped by a signal after {Iterations} steps; writing the mesh and model from the current weights", t.Iterations);
        if (outcome.RemovedComponents > 0)
            ctx.Log.Information("Dropped {Count} small component(s) under {Share:P1} of the area (--keep-small-components keeps them)",
                outcome.RemovedComponents, settings.MinComponentArea);
        if (outcome.RemovedUnsupportedComponents > 0)
            ctx.Log.Information("Dropped {Count} component(s) the input does not support: less than {Share:P0} of their area near an input point (--keep-unsupported-components keeps them)",
                outcome.RemovedUnsupportedComponents, settings.MinSupportedShare);
        ctx.Log.Information("Trained {Iterations} steps in {Seconds:F1} s; final loss {Loss:F5}; extracted the mesh at {Resolution} in {Extract:F1} s",
            t.Iterations, t.Elapsed.TotalSeconds, t.Loss, settings.Resolution, outcome.ExtractionTime.TotalSeconds);
        if (outcome.Refinement is { Applied: true } r)
            ctx.Log.Information("Moved {Moved} of {Vertices} vertices onto the input points' moving-least-squares surface (mean {Step:G3} in the input's units) in {Seconds:F1} s (--refine off keeps the network's surface)",
                r.Moved, r.Vertices, r.MeanStep / outcome.Normalization.Scale, r.Elapsed.TotalSeconds);
    }

    public void Trained(ReconstructionJob job, CurveReconstructionOutcome outcome, CurveExtractionSettings extraction)
    {
        var (t, x) = (outcome.Training, outcome.Extraction);
        if (t.Stopped) ctx.Log.Warning(ctrlCStops ? "Stopped by Ctrl+C after {Iterations} steps; writing the curve and model from the current weights"
            : "Stopped by a signal after {Iterations} steps; writing the curve and model from the current weights", t.Iterations);
        ctx.Log.Information("Trained {Iterations} steps in {Seconds:F1} s; final loss {Loss:F5}; traced the curve at {Resolution} in {Extract:F1} s",
            t.Iterations, t.Elapsed.TotalSeconds, t.Loss, extraction.Resolution, x.Elapsed.TotalSeconds);
        CurveOutput.LogCleanUp(ctx, x, outcome.Normalization.Scale);
    }

    public void ModelSaved(string path) => ctx.Log.Information("Saved the model to {Model}", path);

    public void NormalsWritten(string path, OrientedNormalsResult normals) => NormalsCommand.Log(ctx, path, normals);

    public void Written(ReconstructionResult result)
    {
        var output = result.Request.Output;
        if (result.Curve is { } c)
        {
            CurveOutput.LogWritten(ctx, c.Curve, output);
        }
        else
        {
            var (mesh, topology) = (result.Surface!.Mesh, result.Topology!);
            ctx.Log.Information("Wrote {Output}: {Vertices} vertices, {Triangles} triangles, {Components} component(s), {Closed}",
                output, mesh.VertexCount, mesh.TriangleCount, topology.Components,
                topology.Genus is { } genus ? $"closed, genus {genus}" : topology.IsWatertight ? "closed" : "open");
        }
        var phases = string.Join(", ", result.Phases.Seconds.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:F1} s")));
        ctx.Log.Information("Time by phase: {Phases} (total {Total:F1} s); peak memory {Peak:F0} MB",
            phases, result.Phases.TotalSeconds, result.PeakResidentBytes / 1048576.0);
    }

    public void Dispose()
    {
        TrainingEnded();
        _stop.Dispose();
    }
}
