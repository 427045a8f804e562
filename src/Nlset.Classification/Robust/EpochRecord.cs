namespace Nlset.Classification.Robust;

/// <summary>
/// One finished epoch: the mean training loss and clean training accuracy (of the batches before each step), and on the
/// validation slice (if any) the clean and robust accuracy under the short PGD; NaN where not measured.
/// <paramref name="PredictedPerClass"/>: how many training examples of the epoch the network predicted as each class
/// (argmax of the clean logits before each step; null in checkpoints written before it was recorded) — a class that
/// "dies" shows as a count near 0.
/// </summary>
public sealed record EpochRecord(int Epoch, double Loss, double TrainAccuracy, double ValidationClean, double ValidationRobust,
    double Seconds, double BoundarySampleShare, long[]? PredictedPerClass = null)
{
    /// <summary>The counts as one short text, e.g. "812 790 0 …" (empty when not recorded).</summary>
    public string PredictedPerClassText => PredictedPerClass is null ? "" : string.Join(' ', PredictedPerClass);
}
