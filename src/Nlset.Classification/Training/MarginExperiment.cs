using System.Diagnostics;
using Nlset.Classification.Data;
using Nlset.Classification.Losses;
using Nlset.Classification.Models;
using Nlset.Core;
using Nlset.Geometry;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Training;

/// <summary>
/// Runs a <see cref="MarginExperimentPlan"/>: for each fraction and run, draws the subset once (seeded), then trains
/// and tests one classifier per loss from the same seeded initialisation. The test set is the split's whole test set
/// (restricted to the two classes' labels).
/// </summary>
public static class MarginExperiment
{
    /// <summary>Progress: trainings finished, trainings planned, and step Step of Steps of the one under way (Step 0 right after one finished).</summary>
    public sealed record Progress(int Done, int Total, MarginLossKind Loss, double Fraction, int Run, int Step, int Steps, double StepLoss);

    /// <param name="trained">Called with each trained model and its result before the model is disposed (e.g. to save it).</param>
    /// <param name="recordHistory">Record every run's loss and train/test accuracy after each epoch (<see cref="MarginRunResult.History"/>).</param>
    /// <param name="journal">
    /// Where each finished training is recorded as it ends; the trainings it already holds (of an unfinished run of the
    /// same plan) are taken from it, not trained again.
    /// </param>
    public static MarginExperimentResult Run(DatasetSplit data, BinaryClasses classes, MarginExperimentPlan plan,
        IProgress<Progress>? progress = null, CancellationToken cancel = default,
        Action<nn.Module<Tensor, Tensor>, ClassifierSpec, MarginRunResult>? trained = null, bool recordHistory = false,
        MarginSweepJournal? journal = null)
    {
        plan = plan.Validated();
        var train = classes.Keep(data.Train);
        var test = classes.Keep(data.Test);
        if (train.Count == 0) throw new InvalidInputException($"no training image has a label in the classes {classes}");
        if (test.Count == 0) throw new InvalidInputException($"no test image has a label in the classes {classes}");
        var device = DeviceSelection.Resolve(plan.Training.Device);
        var spec = ClassifierSpec.Default(plan.Training.Model, train.Channels, train.Height, train.Width);

        var (testImages, _) = test.ToTensors(device);
        using var testImagesOwned = testImages;
        using var testSigns = classes.SignsOf(test, device);
        var results = new List<MarginRunResult>();
        var clock = Stopwatch.StartNew();
        var done = 0;
        foreach (var fraction in plan.Fractions)
        {
            for (var run = 0; run < plan.Runs; run++)
            {
                var seed = plan.FirstSeed + run;
                if (journal is not null && plan.Losses.All(kind => journal.Find(kind, fraction, run) is not null))
                {
                    foreach (var kind in plan.Losses)
                    {
                        var recorded = journal.Find(kind, fraction, run)!;
                        results.Add(recordHistory || recorded.History is null ? recorded : recorded with { History = null });
                        done++;
                        progress?.Report(new Progress(done, plan.Trainings, kind, fraction, run, 0, recorded.Steps, recorded.FinalLoss));
                    }
                    continue;
                }
                var subset = train.Select(SubsetSelection.Draw(train.Count, fraction, seed));
                var (images, _) = subset.ToTensors(device);
                using var imagesOwned = images;
                using var signs = classes.SignsOf(subset, device);
                foreach (var kind in plan.Losses)
                {
                    if (cancel.IsCancellationRequested) return new(plan, train.Count, test.Count, results, clock.Elapsed, true);
                    if (journal?.Find(kind, fraction, run) is { } recorded)
                    {
                        results.Add(recorded);
                        done++;
                        progress?.Report(new Progress(done, plan.Trainings, kind, fraction, run, 0, recorded.Steps, recorded.FinalLoss));
                        continue;
                    }
                    Seeding.Apply(seed);
                    using var model = spec.Create();
                    model.to(device);
                    var settings = plan.Training with { Loss = kind };
                    var stepProgress = progress is null ? null : new StepProgress(p =>
                        progress.Report(new Progress(done, plan.Trainings, kind, fraction, run, p.Step, p.Steps, p.Loss)));
                    var history = recordHistory ? new EpochHistory() : null;
                    Action<int, double>? epochEnded = history is null ? null : (_, loss) =>
                        history.Add(loss, BinaryAccuracy.Of(model, images, signs), BinaryAccuracy.Of(model, testImages, testSigns));
                    var outcome = MarginTrainer.Train(model, images, signs, settings.CreateLoss(), settings, stepProgress, cancel, epochEnded);
                    if (outcome.Stopped) return new(plan, train.Count, test.Count, results, clock.Elapsed, true);
                    var result = new MarginRunResult(kind, fraction, run, seed, subset.Count,
                        BinaryAccuracy.Of(model, testImages, testSigns), BinaryAccuracy.Of(model, images, signs),
                        outcome.FinalLoss, outcome.Steps, outcome.Elapsed) { History = history };
                    results.Add(result);
                    journal?.Append(result);
                    trained?.Invoke(model, spec, result);
                    done++;
                    progress?.Report(new Progress(done, plan.Trainings, kind, fraction, run, 0, outcome.Steps, outcome.FinalLoss));
                }
            }
        }
        return new MarginExperimentResult(plan, train.Count, test.Count, results, clock.Elapsed, false);
    }

    sealed class StepProgress(Action<(int Step, int Steps, double Loss)> report) : IProgress<(int Step, int Steps, double Loss)>
    {
        public void Report((int Step, int Steps, double Loss) value) => report(value);
    }
}
