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
public sealed class SurfaceTrainer
{
    /// <summary>Stage names of <see cref="TrainingResult.SecondsByStage"/>.</summary>
    public const string Sampling = "sampling", Projection = "projection", Nearest = "nearest neighbours",
        SampleNetworkForward = "sample network", FreeSpace = "free space", Backward = "backward + step";

    readonly ReconstructionSettings _settings;

    public SurfaceTrainer(ReconstructionSettings settings) => _settings = settings.Validated();

    /// <summary>Trains <paramref name="network"/> in place on <paramref name="cloud"/> (normalised: largest side 1, centred).</summary>
    public TrainingResult Train(Vector3d[] cloud, ImplicitNetwork network, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancel = default)
    {
        if (cloud.Length == 0) throw new InvalidInputException("the point cloud is empty");
        var device = network.parameters().First().device;
        var s = _settings;
        using var nearest = new NearestInputPoints(cloud, device);
        var sampler = new ReconstructionSampler(s);
        var zeroProjector = new LevelSetProjector(maxIterations: s.NewtonIterations);
        var evaluateOnly = new LevelSetProjector(maxIterations: 0);
        using var optimizer = torch.optim.Adam(network.parameters(), lr: s.LearningRate);
        Func<Tensor, Tensor> field = network.forward;
        long batch = Math.Min(s.BatchSize, cloud.Length);
        var explicitLevels = s.Levels.ExplicitLevels;
        using var levelCount = (explicitLevels?.Count ?? 1).ToScalar();
        using var lambda = s.Lambda.ToScalar();
        using var freeSpaceWeight = s.FreeSpaceWeight.ToScalar();
        // Curves (l = 2) have no inside and outside: the free-space sign applies to surfaces only.
        using var freeSpace = s.FreeSpaceWeight > 0 && network.Spec.Outputs == 1 ? new FreeSpacePrior(cloud, device) : null;
        long freeSpaceSamples = Math.Max(batch / 2, 1);

        var stages = new Dictionary<string, double> { [Sampling] = 0, [Projection] = 0, [Nearest] = 0, [SampleNetworkForward] = 0, [FreeSpace] = 0, [Backward] = 0 };
        var clock = Stopwatch.StartNew();
        var stage = new Stopwatch();
        void Lap(string name) { stages[name] += stage.Elapsed.TotalSeconds; stage.Restart(); }

        network.train();
        int iteration = 0;
        long rssAt100 = 0;
        double loss = double.NaN, distance = double.NaN, onData = double.NaN, converged = double.NaN, free = 0;
        bool stopped = false;
        using var average = new ExponentialWeightAverage(network, s.AverageDecay);
        while (true)
        {
            double fraction = Fraction(iteration, clock.Elapsed);
            if (fraction >= 1) break;
            if (cancel.IsCancellationRequested) { stopped = true; break; }
            double lr = LearningRateAt(fraction);
            foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;

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

                using var onLevel = zeroProjector.Project(field, starts, levels);
                converged = onLevel.Converged.to(float32).mean().item<float>();
                using var offLevel = general is null ? null : evaluateOnly.Project(field, general, 0);
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
                AdamStep.Apply(optimizer);
                loss = total.item<float>();
                distance = distanceTerm.item<float>();
                onData = dataTerm.item<float>();
                if (freeTerm is not null) free = freeTerm.item<float>();
                Lap(Backward);
            }
            iteration++;
            if (fraction >= s.AverageFrom) average.Update();
            if (!double.IsFinite(loss))
                throw new InvalidOperationException($"training diverged at step {iteration} (loss {loss}); try a lower --learning-rate");
            if (iteration == 100) rssAt100 = Process.GetCurrentProcess().WorkingSet64;
            progress?.Report(new TrainingProgress(iteration, s.TimeBudget is null ? s.Iterations : null,
                Fraction(iteration, clock.Elapsed), loss, distance, onData, converged, lr, clock.Elapsed, free));
        }
        average.CopyToModule();
        network.eval();
        return new TrainingResult(iteration, clock.Elapsed, stopped, loss, distance, onData, converged, stages,
            rssAt100, Process.GetCurrentProcess().WorkingSet64, free);
    }

    double Fraction(int iteration, TimeSpan elapsed) => _settings.TimeBudget is { } budget
        ? elapsed.TotalSeconds / budget.TotalSeconds
        : (double)iteration / _settings.Iterations;

    /// <summary>Cosine decay from the initial rate to a tenth of it: large steps find the shape quickly, small ones refine it.</summary>
    double LearningRateAt(double fraction) =>
        _settings.LearningRate * (0.1 + 0.9 * 0.5 * (1 + Math.Cos(Math.PI * Math.Clamp(fraction, 0, 1))));
}
