namespace Nlset.Classification.Robust;

/// <summary>Progress of a robust training after a step: epoch (0-based) and step within it, the running mean loss and clean
/// accuracy of the epoch, and how many of the epoch's examples so far were predicted as each class.</summary>
public sealed record RobustProgress(int Epoch, int Epochs, int Step, int Steps, double Loss, double Accuracy, string Phase = "train",
    long[]? PredictedPerClass = null);
