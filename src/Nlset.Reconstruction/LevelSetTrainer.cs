using System.Diagnostics;
using Nlset.Core;
using Nlset.Geometry;
using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Reconstruction;

/// <summary>
/// Trains an implicit network on a normalised point cloud with the level-set distance loss (Eq. 13): each step
/// draws samples around a batch of input points, projects them onto their level sets (Eq. 4; no graph), ties them
/// to the weights with the sample network (Eq. 9), and asks every sample p on level c to lie at distance |c| from
/// the cloud, plus λ·mean|F(x_j)| on the batch. Every step runs in its own dispose scope, so memory stays flat.
/// A two-output network (a curve, paper §3.3) trains the same way with l = 2 and T = {0}: the samples are projected onto
/// {F₁ = F₂ = 0} with the 2 × 3 Jacobian's pseudo-inverse and asked to lie on the data, plus λ·mean‖F(x_j)‖₂
/// (see <see cref="LevelSetDistanceLoss"/>; <see cref="ReconstructionSettings.Validated"/> requires T = {0}).
/// </summary>
public sealed class LevelSetTrainer
{
    /// <summary>Stage names of <see cref="TrainingResult.SecondsByStage"/>.</summary>
    public const string Sampling = "sampling", Projection = "projection", Nearest = "nearest neighbours",
        SampleNetworkForward = "sample network", FreeSpace = "free space", Backward = "backward + step";

    readonly ReconstructionSettings _settings;

    /// <summary>The projection's tolerance on |F − c| when its products are bf16.</summary>
    public const double BFloat16Tolerance = 1e-3;

    public LevelSetTrainer(ReconstructionSettings settings) => _settings = settings.Validated();

    /// <summary>Trains <paramref name="network"/> in place on <paramref name="cloud"/> (normalised: largest side 1, centred).</summary>
    /// <param name="checkpoints">Where to save the training's state now and then and when a step fails (null: nowhere).</param>
    /// <param name="resume">
    /// The state of an unfinished training of this network with these settings (its weights already in
    /// <paramref name="network"/>): the run goes on from its step exactly as the first run would have.
    /// </param>
    /// <exception cref="TrainingFailedException">A step failed; its inner exception says why, and the state saved by then is in the checkpoint.</exception>
    public TrainingResult Train(Vector3d[] cloud, ImplicitNetwork network, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancel = default, TrainingCheckpoints? checkpoints = null, TrainingState? resume = null)
    {
        if (cloud.Length == 0) throw new InvalidInputException("the point cloud is empty");
        return Train(new PreparedCloud(cloud), network, progress, cancel, checkpoints, resume);
    }

    /// <summary>As <see cref="Train(Vector3d[], ImplicitNetwork, IProgress{TrainingProgress}?, CancellationToken, TrainingCheckpoints?, TrainingState?)"/>
    /// on a prepared cloud, whose k-d tree and spacing the nearest-input search and the free-space term share.</summary>
    public TrainingResult Train(PreparedCloud prepared, ImplicitNetwork network, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancel = default, TrainingCheckpoints? checkpoints = null, TrainingState? resume = null)
    {
        var cloud = prepared.Points;
        if (cloud.Length == 0) throw new InvalidInputException("the point cloud is empty");
        var device = network.parameters().First().device;
        var s = _settings;
        using var nearest = new NearestInputPoints(prepared, device);
        var sampler = new ReconstructionSampler(s);
        // bf16 products resolve F to about 1e-3 near the surface, never to float32's 1e-5: a sample within that has arrived,
        // and the sample network's float32 evaluation carries it the rest of the way (Eq. 9).
        var zeroProjector = s.ProjectionPrecision == ProjectionPrecision.BFloat16
            ? new LevelSetProjector(tolerance: BFloat16Tolerance, maxIterations: s.NewtonIterations)
            : new LevelSetProjector(maxIterations: s.NewtonIterations);
        var evaluateOnly = new LevelSetProjector(maxIterations: 0);
        using var optimizer = torch.optim.Adam(network.parameters(), lr: s.LearningRate);
        Func<Tensor, Tensor> field = network.forward;
        Func<Tensor, Tensor> projectionField = s.ProjectionPrecision == ProjectionPrecision.BFloat16
            ? x => network.Forward(x, ScalarType.BFloat16)
            : field;
        long batch = Math.Min(s.BatchSize, cloud.Length);
        var explicitLevels = s.Levels.ExplicitLevels;
        using var levelCount = (explicitLevels?.Count ?? 1).ToScalar();
        using var lambda = s.Lambda.ToScalar();
        using var freeSpaceWeight = s.FreeSpaceWeight.ToScalar();
        // Curves (l = 2) have no inside and outside: the free-space sign applies to surfaces only.
        using var freeSpace = s.FreeSpaceWeight > 0 && network.Spec.Outputs == 1 ? new FreeSpacePrior(prepared, device) : null;
        long freeSpaceSamples = Math.Max(batch / 2, 1);

        var stages = new Dictionary<string, double> { [Sampling] = 0, [Projection] = 0, [Nearest] = 0, [SampleNetworkForward] = 0, [FreeSpace] = 0, [Backward] = 0 };
        var clock = Stopwatch.StartNew();
        var before = resume?.Elapsed ?? TimeSpan.Zero;   // training time of the run this one continues
        TimeSpan Elapsed() => before + clock.Elapsed;
        var stage = new Stopwatch();
        void Lap(string name) { stages[name] += stage.Elapsed.TotalSeconds; stage.Restart(); }

        network.train();
        int iteration = resume?.Iteration ?? 0;
        long rssAt100 = 0;
        double loss = double.NaN, distance = double.NaN, onData = double.NaN, converged = double.NaN, free = 0;
        bool stopped = false;
        using var average = new ExponentialWeightAverage(network, s.AverageDecay);
        if (resume is not null)
        {
            if (resume.Iteration > s.Iterations && s.TimeBudget is null)
                throw new InvalidInputException($"the saved training is at step {resume.Iteration}, past the {s.Iterations} steps asked for");
            resume.Restore(optimizer, average, checkpoints?.Path ?? "the checkpoint");
        }
        var lastSave = Stopwatch.StartNew();
        // The generator's state when the current step began: a step that fails before it changed any weight is saved
        // as not taken, with this state, so the continued run draws the same samples.
        Tensor? generatorAtStepStart = null;
        var phase = StepPhase.Done;
        try
        {
        while (true)
        {
            double fraction = Fraction(iteration, Elapsed());
            if (fraction >= 1) break;
            if (cancel.IsCancellationRequested) { stopped = true; break; }
            double lr = LearningRateAt(fraction);
            foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;

            if (checkpoints is not null)
            {
                generatorAtStepStart?.Dispose();
                generatorAtStepStart = torch.get_rng_state();
            }
            phase = StepPhase.BeforeUpdate;
            using (var scope = torch.NewDisposeScope())
            {
                stage.Restart();
                var x = nearest.Cloud.index_select(0, torch.randint(cloud.Length, [batch], device: device));
                var starts = sampler.ZeroLevelStarts(x);
                Tensor levels = explicitLevels == null
                    ? torch.zeros(batch, device: device)
                    : torch.tensor(explicitLevels.ToArray(), dtype: float32, device: device)
                        .index_select(0, Range(batch, device) % levelCount);
                var general = explicitLevels == null ? sampler.GeneralLevelPoints(x) : null;
                Lap(Sampling);

                using var onLevel = zeroProjector.Project(projectionField, starts, levels);
                converged = onLevel.Converged.to(float32).mean().item<float>();
                using var offLevel = general is null ? null : evaluateOnly.Project(projectionField, general, 0);
                var points = offLevel is null ? onLevel.Points : torch.cat([onLevel.Points, offLevel.Points], 0);
                var jacobians = offLevel is null ? onLevel.Jacobian : torch.cat([onLevel.Jacobian, offLevel.Jacobian], 0);
                var reached = offLevel is null ? onLevel.Values : torch.cat([onLevel.Values, offLevel.Values], 0);
                var samples = new SampleNetwork(points, JacobianPseudoInverse.Of(jacobians), reached);
                Lap(Projection);

                var targets = nearest.Of(points);
                Lap(Nearest);

                var moved = samples.Forward(field);
                var distanceTerm = LevelSetDistanceLoss.Distance(moved, targets, reached.squeeze(1));
                var dataTerm = LevelSetDistanceLoss.OnData(network.forward(x));
                var total = distanceTerm.Plus(dataTerm * lambda);
                Lap(SampleNetworkForward);
                Tensor? freeTerm = null;
                if (freeSpace is not null)
                {
                    var q = ReconstructionSampler.UniformInBox(freeSpaceSamples, device: device);
                    freeTerm = freeSpace.Term(field, q) * freeSpaceWeight;
                    total = total.Plus(freeTerm);
                    Lap(FreeSpace);
                }

                optimizer.zero_grad();
                total.backward();
                phase = StepPhase.Updating;
                AdamStep.Apply(optimizer);
                loss = total.item<float>();
                distance = distanceTerm.item<float>();
                onData = dataTerm.item<float>();
                if (freeTerm is not null) free = freeTerm.item<float>();
                Lap(Backward);
            }
            iteration++;
            if (fraction >= s.AverageFrom) average.Update();
            phase = StepPhase.Done;
            if (!double.IsFinite(loss))
                throw TrainingDivergence.At($"at step {iteration} (loss {loss})");
            if (iteration == 100) rssAt100 = Process.GetCurrentProcess().WorkingSet64;
            progress?.Report(new TrainingProgress(iteration, s.TimeBudget is null ? s.Iterations : null,
                Fraction(iteration, Elapsed()), loss, distance, onData, converged, lr, Elapsed(), free));
            if (checkpoints is not null && lastSave.Elapsed >= checkpoints.Interval)
            {
                checkpoints.Write(network, iteration, TrainingState.Capture(iteration, Elapsed(), optimizer, average));
                lastSave.Restart();
            }
        }
        }
        catch (Exception e) when (e is not OperationCanceledException and not InvalidInputException)
        {
            // Save what the failure left whole: the finished steps, or those before the failing one when it had not
            // yet touched the weights; a failure inside the update leaves the last periodic save.
            if (checkpoints is not null && phase != StepPhase.Updating)
            {
                try
                {
                    var done = iteration;
                    checkpoints.Write(network, done, TrainingState.Capture(done, Elapsed(), optimizer, average,
                        phase == StepPhase.BeforeUpdate ? generatorAtStepStart : null));
                }
                catch (Exception) when (checkpoints.SavedAt is not null)
                {
                    // the earlier save stands
                }
            }
            // The mesh a caller may still extract is best made from the average, as at a normal end.
            if (phase != StepPhase.Updating) average.CopyToModule();
            network.eval();
            throw new TrainingFailedException(iteration + (phase == StepPhase.Done ? 0 : 1), checkpoints?.SavedAt is null ? null : checkpoints.Path,
                checkpoints?.SavedAt, e);
        }
        finally
        {
            generatorAtStepStart?.Dispose();
        }
        average.CopyToModule();
        network.eval();
        return new TrainingResult(iteration, Elapsed(), stopped, loss, distance, onData, converged, stages,
            rssAt100, Process.GetCurrentProcess().WorkingSet64, free);
    }

    /// <summary>Where a step is: its failure leaves the previous step's state (before the update), a half-updated network, or a finished step.</summary>
    enum StepPhase { BeforeUpdate, Updating, Done }

    double Fraction(int iteration, TimeSpan elapsed) => _settings.TimeBudget is { } budget
        ? elapsed.TotalSeconds / budget.TotalSeconds
        : (double)iteration / _settings.Iterations;

    /// <summary>Cosine decay from the initial rate to a tenth of it: large steps find the shape quickly, small ones refine it.</summary>
    double LearningRateAt(double fraction) =>
        _settings.LearningRate * (0.1 + 0.9 * 0.5 * (1 + Math.Cos(Math.PI * Math.Clamp(fraction, 0, 1))));
}
