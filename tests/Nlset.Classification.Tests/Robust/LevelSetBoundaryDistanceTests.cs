using Nlset.Classification.Robust;
using TorchSharp;
using TorchSharp.Modules;
using Xunit.Abstractions;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Nlset.Classification.Tests.Robust;

/// <summary>
/// What Eq. 12 is for, measured: on a two-class problem in the unit square, a small MLP whose decision boundary starts
/// closer than ε_correct to one class is trained with the level-set loss alone (RobustTrainer, method ours), and afterwards
/// every training point is classified correctly and lies at least ε_correct (L∞) from the boundary. The distance is
/// measured on a 401 × 401 grid of the square: the L∞ distance from a point to the nearest grid point of the other class.
/// </summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class LevelSetBoundaryDistanceTests(ITestOutputHelper output)
{
    const double EpsCorrect = 0.12;
    const int Grid = 401;                                          // grid step 0.0025

    /// <summary>32 points per class: class 0 in [0.10, 0.35] × [0.1, 0.9], class 1 in [0.65, 0.90] × [0.1, 0.9].</summary>
    static (Tensor X, Tensor Labels) TwoStrips()
    {
        using var g = new Generator(11);
        var u = torch.rand(64, 2, dtype: ScalarType.Float64, generator: g);
        var labels = torch.cat([torch.zeros(32, ScalarType.Int64), torch.ones(32, ScalarType.Int64)]);
        var x0 = 0.10 + 0.25 * u[.., 0] + 0.55 * labels.to(ScalarType.Float64);
        var x1 = 0.1 + 0.8 * u[.., 1];
        return (torch.stack([x0, x1], 1), labels);
    }

    static Sequential Mlp() => Sequential(
        ("fc1", Linear(2, 32, dtype: ScalarType.Float64)), ("tanh1", Tanh()),
        ("fc2", Linear(32, 32, dtype: ScalarType.Float64)), ("tanh2", Tanh()),
        ("fc3", Linear(32, 2, dtype: ScalarType.Float64)));

    /// <summary>Fits the logits [0, 8 (x₀ − 0.4)] on a grid: the boundary is the line x₀ = 0.4, 0.05 from class 0.</summary>
    static void StartWithTheBoundaryNearClassZero(Sequential model)
    {
        var side = torch.linspace(0, 1, 21, dtype: ScalarType.Float64);
        var grid = torch.stack(torch.meshgrid([side, side], indexing: "ij").Select(t => t.flatten()).ToArray(), 1);
        var target = torch.stack([torch.zeros(grid.shape[0], dtype: ScalarType.Float64), 8 * (grid[.., 0] - 0.4)], 1);
        using var adam = optim.Adam(model.parameters(), 1e-2);
        for (var k = 0; k < 1500; k++)
        {
            using var scope = torch.NewDisposeScope();
            adam.zero_grad();
            var loss = functional.mse_loss(model.call(grid), target);
            loss.backward();
            adam.step();
        }
    }

    /// <summary>Per point: the L∞ distance to the nearest grid point the model assigns to another class than the point's.</summary>
    static double[] MeasuredDistances(Sequential model, Tensor x, Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var side = torch.linspace(0, 1, Grid, dtype: ScalarType.Float64);
        var grid = torch.stack(torch.meshgrid([side, side], indexing: "ij").Select(t => t.flatten()).ToArray(), 1);
        var predicted = model.call(grid).argmax(1);
        var result = new double[x.shape[0]];
        for (var i = 0; i < result.Length; i++)
        {
            var other = grid.index_select(0, predicted.ne(labels[i]).nonzero().squeeze(1));
            result[i] = other.shape[0] == 0 ? double.PositiveInfinity
                : (other - x[i]).abs().amax([1]).min().item<double>();
        }
        return result;
    }

    [Fact]
    public void TrainingMovesTheBoundaryAtLeastEpsCorrectFromCorrectPoints()
    {
        Nlset.Core.Seeding.Apply(5);
        var (x, labels) = TwoStrips();
        using var model = Mlp();
        StartWithTheBoundaryNearClassZero(model);
        var before = MeasuredDistances(model, x, labels);
        Assert.True(before.Min() < 0.06, $"the start boundary should be about 0.05 from class 0, measured {before.Min():F4}");

        var settings = new RobustTrainingSettings
        {
            Method = RobustMethod.Ours, Epochs = 150, BatchSize = 64, LearningRate = 3e-3, ValidationCount = 0, Seed = 5,
            LevelSet = new LevelSetRobustSettings
            {
                EpsCorrect = EpsCorrect, EpsCorrectStart = EpsCorrect, EpsWrong = 0.15,
                SearchSteps = 20, StepSize = 0.012, SearchBaseEpsilon = EpsCorrect,  // α = 0.012: 20 steps cross the box twice
            },
        };
        using (var trainer = new RobustTrainer(model, settings, x, labels)) Assert.True(trainer.Train());

        var after = MeasuredDistances(model, x, labels);
        output.WriteLine($"nearest boundary (L∞): before {before.Min():F4}, after {after.Min():F4} (ε_correct {EpsCorrect})");
        using (var noGrad = torch.no_grad())
            Assert.True(model.call(x).argmax(1).eq(labels).all().item<bool>(), "every training point is classified correctly");
        // At least ε_correct, up to one grid step of the measurement.
        Assert.All(after, d => Assert.True(d >= EpsCorrect - 1.0 / (Grid - 1), $"a point {d:F4} from the boundary"));
    }
}
