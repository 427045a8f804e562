namespace Nlset.Reconstruction;

/// <summary>What a training run did: steps, time, the last loss terms, where the time went and how much memory it held.</summary>
public sealed record TrainingResult(
    int Iterations,
    TimeSpan Elapsed,
    bool Stopped,
    double Loss,
    double DistanceTerm,
    double DataTerm,
    double Converged,
    IReadOnlyDictionary<string, double> SecondsByStage,
    long ResidentBytesAt100,
    long ResidentBytesAtEnd,
    double FreeSpaceTerm = 0);
