using Nlset.Classification.Losses;
using Nlset.Geometry;

namespace Nlset.Classification.Training;

/// <summary>
/// The small-data experiment of the paper's Figure 2: for every fraction and run k, one seeded subset of the training
/// set and one seeded initialisation, shared by every loss, so the losses are compared on the same data and starts.
/// </summary>
public sealed record MarginExperimentPlan
{
    public required IReadOnlyList<MarginLossKind> Losses { get; init; }
    public required IReadOnlyList<double> Fractions { get; init; }
    public int Runs { get; init; } = 1;
    /// <summary>Run k uses seed FirstSeed + k for its subset and its initialisation.</summary>
    public int FirstSeed { get; init; }
    public MarginTrainingSettings Training { get; init; } = new();

    public int Trainings => Losses.Count * Fractions.Count * Runs;

    public MarginExperimentPlan Validated()
    {
        if (Losses.Count == 0) throw new InvalidInputException("no loss to train");
        if (Losses.Distinct().Count() != Losses.Count) throw new InvalidInputException("a loss is listed twice");
        if (Fractions.Count == 0) throw new InvalidInputException("no training fraction given");
        if (Fractions.Any(f => !(f > 0 && f <= 1))) throw new InvalidInputException("fractions must be in (0, 100%]");
        if (Runs < 1) throw InvalidInputException.ForSetting(nameof(Runs), name => $"{name} must be at least 1, got {Runs}");
        Training.Validated();
        return this;
    }
}
