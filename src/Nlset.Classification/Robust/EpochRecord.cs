namespace Nlset.Classification.Robust;

/// <summary>
/// One finished epoch: the mean training loss and clean training accuracy (of the batches before each step), and on the
/// validation slice (if any) the clean and robust accuracy under the short PGD; NaN where not measured.
/// </summary>
public sealed record EpochRecord(int Epoch, double Loss, double TrainAccuracy, double ValidationClean, double ValidationRobust,
    double Seconds, double BoundarySampleShare);
