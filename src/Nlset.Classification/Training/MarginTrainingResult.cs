namespace Nlset.Classification.Training;

/// <summary>What one training did: optimiser steps, wall time, the loss of the last step, and whether Ctrl+C stopped it.</summary>
public sealed record MarginTrainingResult(int Steps, int Epochs, TimeSpan Elapsed, double FinalLoss, bool Stopped);
