using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Nlset.Classification.Attacks;
using Nlset.Classification.Data;
using Nlset.Classification.Models;
using Nlset.Geometry;

namespace Nlset.Classification.Robust;

/// <summary>
/// Everything a robust training run is made of. <see cref="ForDataset"/> gives the paper's settings (reference code)
/// per dataset; they are saved in every checkpoint, so --resume continues with exactly the same ones.
/// </summary>
public sealed record RobustTrainingSettings
{
    public RobustMethod Method { get; init; } = RobustMethod.Ours;
    public RobustArchitecture Architecture { get; init; } = RobustArchitecture.ConvNet4a;
    public int Epochs { get; init; } = 100;
    public int BatchSize { get; init; } = 128;
    /// <summary>Adam's rate. <see cref="ForDataset"/> sets the reference configuration's per method: MNIST xent and ours
    /// 1e-3, madry and trades 1e-4; CIFAR-10 (ConvNet-4b) 3e-4.</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Adam's weight decay (PyTorch's: λθ added to the gradient). Reference configurations: MNIST madry 1e-6 (the
    /// other MNIST methods none), CIFAR-10 1e-6. Checkpoints written before it existed read as 0, as they were trained.</summary>
    public double WeightDecay { get; init; }
    /// <summary>The training attack of madry and trades (its Loss is ignored: madry ascends cross-entropy, trades the KL).</summary>
    public PgdSettings TrainingAttack { get; init; } = new(0.3, 40, 0.01);
    public double TradesBeta { get; init; } = TradesLoss.DefaultBeta;
    public LevelSetRobustSettings LevelSet { get; init; } = new();
    /// <summary>Images of the validation slice whose clean and robust accuracy is measured after every epoch (0: none).</summary>
    public int ValidationCount { get; init; } = 500;
    /// <summary>Steps of the short validation PGD (cross-entropy, ε = the evaluation ε of the dataset, α = 2.5 ε / steps).</summary>
    public int ValidationSteps { get; init; } = 10;
    public double ValidationEpsilon { get; init; } = 0.3;
    public int Seed { get; init; }

    /// <summary>The paper's settings for a dataset and method (reference code configurations, code/confs/adv/*.conf).</summary>
    public static RobustTrainingSettings ForDataset(DatasetName dataset, RobustMethod method) => dataset == DatasetName.Cifar10
        ? new RobustTrainingSettings
        {
            Method = method,
            Architecture = RobustArchitecture.ConvNet4b,
            // cifar_xent.conf, included by cifar_madry and cifar_ours: Adam 3e-4, weight decay 1e-6. cifar_trades.conf uses
            // SGD (0.1, momentum 0.9, weight decay 2e-4, TRADES' schedule), which nlset does not have: Adam as the others.
            LearningRate = 3e-4,
            WeightDecay = 1e-6,
            // TRADES' CIFAR-10 training attack: 10 steps of 0.007 in ε 0.031.
            TrainingAttack = new PgdSettings(0.031, 10, 0.007),
            LevelSet = LevelSetRobustSettings.Cifar10,
            ValidationEpsilon = 0.031,
        }
        : new RobustTrainingSettings
        {
            Method = method,
            // mnist_madry.conf: Adam 1e-4, weight decay 1e-6; mnist_trades.conf: Adam 1e-4; mnist_xent/ours.conf: Adam 1e-3.
            LearningRate = method is RobustMethod.Madry or RobustMethod.Trades ? 1e-4 : 1e-3,
            WeightDecay = method == RobustMethod.Madry ? 1e-6 : 0,
        };

    /// <summary>The validation attack: PGD with cross-entropy, α = 2.5 ε / K (Madry et al.'s rule for short attacks).</summary>
    public PgdSettings ValidationAttack => new(ValidationEpsilon, ValidationSteps, 2.5 * ValidationEpsilon / Math.Max(1, ValidationSteps));

    public IRobustLoss CreateLoss() => Method switch
    {
        RobustMethod.Xent => new CrossEntropyTraining(),
        RobustMethod.Madry => new MadryTraining(TrainingAttack),
        RobustMethod.Trades => new TradesLoss(TrainingAttack, TradesBeta),
        RobustMethod.Ours => new LevelSetRobustLoss(LevelSet),
        _ => throw new ArgumentOutOfRangeException(nameof(Method)),
    };

    public RobustTrainingSettings Validated()
    {
        if (Epochs < 1) throw InvalidInputException.ForSetting(nameof(Epochs), name => $"{name} must be at least 1, got {Epochs}");
        if (BatchSize < 1) throw InvalidInputException.ForSetting(nameof(BatchSize), name => $"{name} must be at least 1, got {BatchSize}");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw InvalidInputException.ForSetting(nameof(LearningRate), name => $"{name} must be a positive number, got {LearningRate.ToString(CultureInfo.InvariantCulture)}");
        if (!(WeightDecay >= 0) || !double.IsFinite(WeightDecay))
            throw InvalidInputException.ForSetting(nameof(WeightDecay), name => $"{name} must be a non-negative number, got {WeightDecay.ToString(CultureInfo.InvariantCulture)}");
        TrainingAttack.Validated();
        if (!(TradesBeta >= 0) || !double.IsFinite(TradesBeta)) throw InvalidInputException.ForSetting(nameof(TradesBeta), name => $"{name} must be a non-negative number");
        LevelSet.Validated();
        if (ValidationCount < 0) throw InvalidInputException.ForSetting(nameof(ValidationCount), name => $"{name} must be at least 0, got {ValidationCount}");
        if (ValidationSteps < 1) throw new InvalidInputException($"validation PGD needs at least 1 step, got {ValidationSteps}");
        ValidationAttack.Validated();
        return this;
    }

    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RobustTrainingSettings FromJson(string json) =>
        JsonSerializer.Deserialize<RobustTrainingSettings>(json, Json) ?? throw new JsonException("no settings");
}
