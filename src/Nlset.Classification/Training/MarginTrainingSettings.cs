using Nlset.Classification.Losses;
using Nlset.Classification.Models;
using Nlset.Geometry;

namespace Nlset.Classification.Training;

/// <summary>
/// How one classifier is trained. The defaults were chosen by measurement on mnist-10k on a 2-core CPU
/// (docs/margin.md): enough steps for every loss to fit the small training sets, few enough that the Figure 2 sweep
/// (3 losses × 7 fractions × 20 runs) takes minutes.
/// </summary>
public sealed record MarginTrainingSettings
{
    public ClassifierKind Model { get; init; } = ClassifierKind.Mlp;
    public MarginLossKind Loss { get; init; } = MarginLossKind.GeometricSvm;
    /// <summary>λ of Eq. 11 (geometric SVM only).</summary>
    public double Lambda { get; init; } = GeometricSvmLoss.DefaultLambda;
    /// <summary>Passes over the training subset.</summary>
    public int Epochs { get; init; } = 100;
    /// <summary>Examples per step; subsets no larger than this train full-batch (one step per epoch).</summary>
    public int BatchSize { get; init; } = 512;
    /// <summary>Adam's learning rate (constant).</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Adam's L2 weight decay (0: none, as in the paper's comparison; tried on the baselines, docs/margin.md).</summary>
    public double WeightDecay { get; init; }
    /// <summary>Newton steps per projection in the geometric loss (reference code: 10).</summary>
    public int NewtonIterations { get; init; } = 10;
    public string Device { get; init; } = "auto";
    /// <summary>Start with the decision boundary among the training examples (<see cref="BoundaryCentring"/>).</summary>
    public bool CentreBoundary { get; init; } = true;

    public MarginTrainingSettings Validated()
    {
        if (!(Lambda >= 0) || !double.IsFinite(Lambda)) throw InvalidInputException.ForSetting(nameof(Lambda), name => $"{name} must be a non-negative number, got {Lambda}");
        if (Epochs < 1) throw InvalidInputException.ForSetting(nameof(Epochs), name => $"{name} must be at least 1, got {Epochs}");
        if (BatchSize < 1) throw InvalidInputException.ForSetting(nameof(BatchSize), name => $"{name} must be at least 1, got {BatchSize}");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw InvalidInputException.ForSetting(nameof(LearningRate), name => $"{name} must be positive, got {LearningRate}");
        if (!(WeightDecay >= 0) || !double.IsFinite(WeightDecay)) throw InvalidInputException.ForSetting(nameof(WeightDecay), name => $"{name} must be a non-negative number, got {WeightDecay}");
        if (NewtonIterations < 1) throw new InvalidInputException($"Newton iterations must be at least 1, got {NewtonIterations}");
        return this;
    }

    /// <summary>The loss these settings train with.</summary>
    public IMarginLoss CreateLoss() => CreateLoss(Loss);

    /// <summary>A loss of another kind with these settings' λ and Newton iterations (for --compare).</summary>
    public IMarginLoss CreateLoss(MarginLossKind kind) => kind switch
    {
        MarginLossKind.CrossEntropy => new BinaryCrossEntropyLoss(),
        MarginLossKind.Hinge => new OutputHingeLoss(),
        MarginLossKind.GeometricSvm => new GeometricSvmLoss(Lambda, projector: new Nlset.Core.LevelSetProjector(maxIterations: NewtonIterations)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public System.Text.Json.Nodes.JsonObject ToJson() => new()
    {
        ["model"] = Model.ToString().ToLowerInvariant(),
        ["loss"] = Loss.Key(),
        ["lambda"] = Lambda,
        ["epochs"] = Epochs,
        ["batchSize"] = BatchSize,
        ["learningRate"] = LearningRate,
        ["weightDecay"] = WeightDecay,
        ["newtonIterations"] = NewtonIterations,
        ["device"] = Device,
        ["centreBoundary"] = CentreBoundary,
    };
}
