namespace Nlset.Classification.Robust;

/// <summary>Progress of a robust training after a step: epoch (0-based) and step within it, the running mean loss and clean accuracy of the epoch.</summary>
public sealed record RobustProgress(int Epoch, int Epochs, int Step, int Steps, double Loss, double Accuracy, string Phase = "train");
