using Nlset.Classification.Losses;

namespace Nlset.Classification.Training;

/// <summary>One trained and tested classifier of an experiment.</summary>
/// <param name="Run">0-based repetition; run k of every loss and fraction uses seed Seed (= first seed + k).</param>
/// <param name="TrainCount">Examples in the training subset.</param>
public sealed record MarginRunResult(MarginLossKind Loss, double Fraction, int Run, int Seed, int TrainCount,
    double TestAccuracy, double TrainAccuracy, double FinalLoss, int Steps, TimeSpan Elapsed)
{
    /// <summary>Loss and accuracies after every epoch, when the experiment was asked to record them (for plots).</summary>
    public EpochHistory? History { get; init; }
}
