using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Reconstruction;

/// <summary>
/// One reconstruction from its cloud to its result, as `nlset reconstruct` runs it: the settings resolved for the
/// shape, the device chosen and torch seeded, a new network or the one saved at <see cref="ReconstructionRequest.Resume"/>
/// (a finished model: its weights and normalisation; a checkpoint: its settings and training state too), the training
/// with its checkpoints, the extraction. The caller reads the cloud (with its own reading options) and reports.
/// </summary>
public sealed class ReconstructionJob : IDisposable
{
    ReconstructionJob(ReconstructionRequest request, Vector3d[] cloud, ImplicitNetwork network, Normalization normalization,
        ReconstructionSettings settings, TrainingState? resume, bool resumedWeights, Device device,
        (PreparedCloud Cloud, DenoisingDecision Denoising)? surfaceCloud)
    {
        _surfaceCloud = surfaceCloud;
        Device = device;
        Request = request;
        Cloud = cloud;
        Network = network;
        Normalization = normalization;
        Settings = settings;
        Resume = resume;
        ResumedWeights = resumedWeights;
        Checkpoints = new TrainingCheckpoints(request.CheckpointPath, normalization, Path.GetFullPath(request.Input), settings.ToJson());
    }

    public ReconstructionRequest Request { get; }

    /// <summary>The input points, in their own coordinates.</summary>
    public Vector3d[] Cloud { get; }

    public ImplicitNetwork Network { get; }
    public Normalization Normalization { get; }

    /// <summary>The settings trained with: the request's over the shape's defaults, or a continued checkpoint's own.</summary>
    public ReconstructionSettings Settings { get; }

    /// <summary>The training state of the checkpoint this job continues, if it continues one.</summary>
    public TrainingState? Resume { get; }

    /// <summary>True when the network's weights came from <see cref="ReconstructionRequest.Resume"/>.</summary>
    public bool ResumedWeights { get; }

    public TrainingCheckpoints Checkpoints { get; }

    /// <summary>The device the network trains on.</summary>
    public Device Device { get; }

    /// <summary>Everything before training, checked before any of it runs: the cloud's points, the device, the network.</summary>
    /// <param name="input">The input as read: a cloud, or a mesh whose vertices are the points.</param>
    public static ReconstructionJob Open(ReconstructionRequest request, Mesh input)
    {
        var shape = request.Shape == ReconstructionShape.Curve ? "curve" : "surface";
        var cloud = SurfaceReconstruction.CloudOf(input, request.Input, shape);
        var settings = request.Settings();
        var device = DeviceSelection.Resolve(settings.Device);
        Seeding.Apply(settings.Seed);
        if (request.Resume is null)
        {
            var fitted = Normalization.FitUnitBox(cloud);
            var prepared = PrepareSurface(request, cloud, fitted, ref settings);
            var network = new ImplicitNetwork(settings.Network);
            network.to(device);
            return new ReconstructionJob(request, cloud, network, fitted, settings, null, false, device, prepared);
        }

        var model = ReconstructionModel.Load(request.Resume, device);
        var spec = model.Network.Spec;
        int outputs = request.Shape == ReconstructionShape.Curve ? 2 : 1;
        if (spec.Outputs != outputs || spec.InputDim != 3)
        {
            model.Network.Dispose();
            throw new InvalidInputException($"{request.Resume}: not a {shape} network ({spec})");
        }
        var normalization = model.Source == null && model.Normalization == Normalization.Identity ? Normalization.FitUnitBox(cloud) : model.Normalization;
        TrainingState? resume = null;
        try
        {
            if (model.TrainingState is { } state)
            {
                // An unfinished training goes on with the settings it began with, from the step it reached.
                resume = TrainingState.Read(state, request.Resume);
                settings = model.Settings is { } saved ? ReconstructionSettingsJson.FromJson(saved) with { Device = settings.Device } : settings with { Network = spec };
            }
            else settings = settings with { Network = spec };
        }
        catch
        {
            model.Network.Dispose();
            throw;
        }
        (PreparedCloud, DenoisingDecision)? surfaceCloud;
        try
        {
            surfaceCloud = PrepareSurface(request, cloud, normalization, ref settings);
        }
        catch
        {
            model.Network.Dispose();
            resume?.Dispose();
            throw;
        }
        return new ReconstructionJob(request, cloud, model.Network, normalization, settings, resume, true, device, surfaceCloud);
    }

    /// <summary>
    /// For a surface: the cloud normalised and, if its noise estimate says so, denoised (<see cref="SurfaceReconstruction.Prepare"/>), and the
    /// settings resolved for it (<see cref="ReconstructionSettings.ForCloud"/>: fewer steps where the refinement will carry the detail).
    /// </summary>
    static (PreparedCloud, DenoisingDecision)? PrepareSurface(ReconstructionRequest request, Vector3d[] cloud, Normalization normalization,
        ref ReconstructionSettings settings)
    {
        if (request.Shape != ReconstructionShape.Surface) return null;
        var prepared = SurfaceReconstruction.Prepare(cloud, normalization, settings);
        settings = settings.ForCloud(prepared.Denoising);
        return prepared;
    }

    readonly (PreparedCloud Cloud, DenoisingDecision Denoising)? _surfaceCloud;

    /// <summary>The noise estimate and the denoising decision for a surface, made when the job was opened (<see cref="SurfaceReconstruction.Prepare"/>).</summary>
    public DenoisingDecision PrepareSurface() => (_surfaceCloud ?? throw new InvalidOperationException("a curve job has no surface cloud")).Denoising;

    /// <summary>Trains and meshes a surface.</summary>
    /// <exception cref="TrainingFailedException">A step failed; the checkpoint holds what was trained.</exception>
    public ReconstructionOutcome RunSurface(IProgress<TrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        PrepareSurface();
        var (cloud, denoising) = _surfaceCloud!.Value;
        return SurfaceReconstruction.Run(cloud, denoising, Settings, Network, Normalization, progress, cancel, Checkpoints, Resume);
    }

    /// <summary>Trains a curve network and traces its curve.</summary>
    /// <exception cref="TrainingFailedException">A step failed; the checkpoint holds what was trained.</exception>
    public CurveReconstructionOutcome RunCurve(CurveExtractionSettings extraction, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancel = default) =>
        CurveReconstruction.Run(Cloud, Settings, extraction, Network, Normalization, progress, cancel, Checkpoints, Resume);

    /// <summary>The surface of the weights as they are (after a failed training: its average so far).</summary>
    public Mesh SurfaceFromCurrentWeights() =>
        SurfaceExtractor.Extract(Network, Normalization, new SurfaceExtractor.Settings(Settings.Resolution, 0, Settings.MinComponentArea)).Mesh;

    /// <summary>The curve of the weights as they are.</summary>
    public Mesh CurveFromCurrentWeights(CurveExtractionSettings extraction) =>
        CurveExtractor.Extract(Network, Normalization, extraction, Normalization.ApplyAll(Cloud)).Curve;

    /// <summary>Saves the trained network with its normalisation and settings to <see cref="ReconstructionRequest.SaveModel"/>.</summary>
    public void SaveModel(Normalization normalization)
    {
        if (Request.SaveModel is { } path) ReconstructionModel.Save(path, Network, normalization, Request.Input, Settings.ToJson());
    }

    /// <summary>After a finished (or stopped) run: a hidden checkpoint has served and goes.</summary>
    public void Finish()
    {
        if (Request.SaveModel is null && File.Exists(Checkpoints.Path)) File.Delete(Checkpoints.Path);
    }

    public void Dispose()
    {
        Network.Dispose();
        Resume?.Dispose();
    }
}
