using Nlset.Geometry;
using Nlset.Geometry.IO;

namespace Nlset.Reconstruction;

/// <summary>What a run writes beyond the request's mesh or curve and model.</summary>
public sealed record ReconstructionOutputs
{
    /// <summary>Surfaces: also the input points with oriented normals, here.</summary>
    public string? NormalsOut { get; init; }

    /// <summary>Curves: how the curve is traced and judged against the data (null: the curve defaults at the settings' resolution).</summary>
    public CurveExtractionSettings? CurveExtraction { get; init; }
}

/// <summary>What one run made and wrote: the figures `reconstruct --json` and a batch row's result file report.</summary>
public sealed record ReconstructionResult(
    ReconstructionRequest Request,
    ReconstructionSettings Settings,
    int Points,
    TrainingResult Training,
    TimeSpan ExtractionTime,
    long FieldEvaluations,
    ReconstructionOutcome? Surface,
    CurveReconstructionOutcome? Curve,
    MeshTopology? Topology,
    OrientedNormalsResult? Normals,
    string? NormalsPath,
    RunPhases Phases,
    long PeakResidentBytes)
{
    /// <summary>The mesh or the polylines written.</summary>
    public Mesh Written => Surface?.Mesh ?? Curve!.Curve;
}

/// <summary>A training step failed; what could be saved was saved (see <see cref="TrainingFailedException"/>).</summary>
public sealed class ReconstructionFailedException(ReconstructionRequest request, TrainingFailedException training, bool wroteOutput, Exception? writeError)
    : Exception(training.Message, training)
{
    public ReconstructionRequest Request { get; } = request;

    public TrainingFailedException Training { get; } = training;

    /// <summary>True when the mesh or curve of the weights reached was written to the output.</summary>
    public bool WroteOutput { get; } = wroteOutput;

    /// <summary>Why it could not be written, when it could not.</summary>
    public Exception? WriteError { get; } = writeError;
}

/// <summary>
/// Hears what a run does, in its order, so that a caller can report it (the CLI logs and draws the progress bar).
/// Every method has a default that does nothing.
/// </summary>
public interface IReconstructionObserver
{
    /// <summary>The job is open: cloud read, settings resolved, network new or resumed.</summary>
    void Opened(ReconstructionJob job) { }

    /// <summary>Surfaces: the noise estimate and the denoising decision, before training.</summary>
    void Prepared(DenoisingDecision denoising) { }

    /// <summary>Training begins; each step is reported to what this returns.</summary>
    IProgress<TrainingProgress>? TrainingStarted() => null;

    /// <summary>Training ended (finished, stopped or failed).</summary>
    void TrainingEnded() { }

    void Trained(ReconstructionJob job, ReconstructionOutcome outcome) { }
    void Trained(ReconstructionJob job, CurveReconstructionOutcome outcome, CurveExtractionSettings extraction) { }
    void ModelSaved(string path) { }
    void NormalsWritten(string path, OrientedNormalsResult normals) { }

    /// <summary>The mesh or curve is written, the hidden checkpoint gone.</summary>
    void Written(ReconstructionResult result) { }
}

/// <summary>
/// One reconstruction from its request to its files, the one call behind `nlset reconstruct` and every row of
/// `nlset batch`: open the job, train (with checkpoints), extract the mesh or curve, save the model, write the mesh
/// or curve and the oriented normals, remove the hidden checkpoint.
/// </summary>
public static class ReconstructionRunner
{
    /// <param name="read">Reads the input (the caller's reading options and warnings).</param>
    /// <param name="cancel">Stops the training after its step; the files are then written from the weights reached.</param>
    /// <exception cref="ReconstructionFailedException">A training step failed.</exception>
    public static ReconstructionResult Run(ReconstructionRequest request, Func<string, Mesh> read, ReconstructionOutputs? outputs = null,
        IReconstructionObserver? observer = null, CancellationToken cancel = default)
    {
        outputs ??= new ReconstructionOutputs();
        observer ??= Silent.Instance;
        var phases = new RunPhases();
        Mesh? input = phases.Time(RunPhases.Reading, () => read(request.Input));
        using var job = phases.Time(RunPhases.Preparing, () => ReconstructionJob.Open(request, input!));
        input = null;   // the job keeps the points; the rest of a large file's mesh need not outlive the reading
        observer.Opened(job);
        return request.Shape == ReconstructionShape.Curve
            ? RunCurve(job, outputs.CurveExtraction ?? new CurveExtractionSettings { Resolution = job.Settings.Resolution }, observer, phases, cancel)
            : RunSurface(job, outputs.NormalsOut, observer, phases, cancel);
    }

    static ReconstructionResult RunSurface(ReconstructionJob job, string? normalsPath, IReconstructionObserver observer, RunPhases phases,
        CancellationToken cancel)
    {
        var request = job.Request;
        observer.Prepared(job.PrepareSurface());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcome = Train(request, observer, () => job.RunSurface(observer.TrainingStarted(), cancel), () =>
        {
            var mesh = job.SurfaceFromCurrentWeights();
            if (mesh.TriangleCount == 0) throw new InvalidOperationException("empty zero level set");
            GeometryFiles.Write(request.Output, mesh);
        });
        // The training's own clock leaves out its set-up (the free-space grid); the phase is the run's wall time less the mesh's.
        double refining = outcome.Refinement is { Applied: true } refined ? refined.Elapsed.TotalSeconds : 0;
        phases.Add(RunPhases.Training, clock.Elapsed.TotalSeconds - outcome.ExtractionTime.TotalSeconds - refining);
        phases.Add(RunPhases.Extracting, outcome.ExtractionTime.TotalSeconds);
        if (refining > 0) phases.Add(RunPhases.Refining, refining);
        var (t, settings) = (outcome.Training, job.Settings);
        observer.Trained(job, outcome);
        OrientedNormalsResult? normals = null;
        phases.Time(RunPhases.Writing, () =>
        {
            SaveModel(job, outcome.Normalization, observer);
            if (outcome.Mesh.TriangleCount == 0)
                throw NothingToWrite(name => $"the network's zero level set is empty in the box: no surface to write (try more {name(nameof(ReconstructionSettings.Iterations))})");
            outcome.Mesh.Comments.Add($"nlset reconstruct: {Path.GetFileName(request.Input)}, {t.Iterations} steps, network {settings.Network}, resolution {settings.Resolution}");
            GeometryFiles.Write(request.Output, outcome.Mesh);
            if (normalsPath != null)
            {
                normals = OrientedNormals.Write(normalsPath, job.Network, outcome.Normalization, job.Cloud,
                    comments: [$"nlset reconstruct: {Path.GetFileName(request.Input)}, {t.Iterations} steps"]);
                observer.NormalsWritten(normalsPath, normals);
            }
            job.Finish();
        });
        var result = new ReconstructionResult(request, settings, job.Cloud.Length, t, outcome.ExtractionTime, outcome.Extraction.FieldEvaluations,
            outcome, null, MeshTopology.Of(outcome.Mesh), normals, normalsPath, phases, RunPhases.PeakResidentBytes());
        observer.Written(result);
        return result;
    }

    static ReconstructionResult RunCurve(ReconstructionJob job, CurveExtractionSettings extraction, IReconstructionObserver observer, RunPhases phases,
        CancellationToken cancel)
    {
        var request = job.Request;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcome = Train(request, observer, () => job.RunCurve(extraction, observer.TrainingStarted(), cancel), () =>
        {
            var curve = job.CurveFromCurrentWeights(extraction);
            if (curve.Polylines.Count == 0) throw new InvalidOperationException("no curve");
            GeometryFiles.Write(request.Output, curve);
        });
        var (t, x, settings) = (outcome.Training, outcome.Extraction, job.Settings);
        phases.Add(RunPhases.Training, clock.Elapsed.TotalSeconds - x.Elapsed.TotalSeconds);
        phases.Add(RunPhases.Extracting, x.Elapsed.TotalSeconds);
        observer.Trained(job, outcome, extraction);
        phases.Time(RunPhases.Writing, () =>
        {
            SaveModel(job, outcome.Normalization, observer);
            if (outcome.Curve.Polylines.Count == 0)
                throw NothingToWrite(x.Found == 0
                    ? name => $"the network's two zero level sets do not meet in the box: no curve to write (try more {name(nameof(ReconstructionSettings.Iterations))})"
                    : name => $"none of the network's curve ({x.Found} traced polyline(s)) runs along the data: no curve to write (try more {name(nameof(ReconstructionSettings.Iterations))}; {name(nameof(CurveExtractionSettings.KeepAll))} writes it anyway)");
            outcome.Curve.Comments.Add($"nlset reconstruct --curve: {Path.GetFileName(request.Input)}, {t.Iterations} steps, network {settings.Network}, resolution {extraction.Resolution}");
            GeometryFiles.Write(request.Output, outcome.Curve);
            job.Finish();
        });
        var result = new ReconstructionResult(request, settings, job.Cloud.Length, t, x.Elapsed, x.FieldEvaluations, null, outcome, null, null, null,
            phases, RunPhases.PeakResidentBytes());
        observer.Written(result);
        return result;
    }

    /// <summary>Trains; a failed step leaves the checkpoint and, when it can, the result of the weights reached.</summary>
    static T Train<T>(ReconstructionRequest request, IReconstructionObserver observer, Func<T> train, Action writeFromCurrentWeights)
    {
        T trained;
        try
        {
            trained = train();
        }
        catch (TrainingFailedException failure)
        {
            observer.TrainingEnded();
            Exception? writeError = null;
            try
            {
                writeFromCurrentWeights();
            }
            catch (Exception e)
            {
                writeError = e;
            }
            throw new ReconstructionFailedException(request, failure, writeError is null, writeError);
        }
        catch
        {
            observer.TrainingEnded();
            throw;
        }
        observer.TrainingEnded();
        return trained;
    }

    /// <summary>The training ended with nothing to write; the message names the settings that would help.</summary>
    static InvalidOperationException NothingToWrite(SettingWording wording) =>
        new InvalidOperationException(wording(SettingNames.Library)).WordedWith(wording);

    static void SaveModel(ReconstructionJob job, Normalization normalization, IReconstructionObserver observer)
    {
        if (job.Request.SaveModel is not { } path) return;
        job.SaveModel(normalization);
        observer.ModelSaved(path);
    }

    sealed class Silent : IReconstructionObserver
    {
        public static readonly Silent Instance = new();
    }
}
