using Nlset.Classification.Attacks;
using Nlset.Classification.Robust;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Tests.Robust;

[Collection(TorchGlobalStateCollection.Name)]
public sealed class RobustEvaluationTests
{
    /// <summary>
    /// A flat network (all logits 0): argmax would call every label-0 image correct by its tie-break, and PGD cannot move
    /// (its signed gradient is 0). The evaluation asks for the label's logit to be strictly the largest: 0 % and 4 ties.
    /// </summary>
    [Fact]
    public void TiedLogitsAreNotCorrect()
    {
        using var flat = nn.Sequential(("flatten", nn.Flatten()), ("fc", nn.Linear(4, 10)));
        using (torch.no_grad())
            foreach (var p in flat.parameters()) p.zero_();
        var images = torch.rand(4, 1, 2, 2);
        var labels = torch.zeros(4, dtype: ScalarType.Int64);
        var result = RobustEvaluation.Evaluate(flat, images, labels, [new PgdSettings(0.3, 2, 0.1)]);
        Assert.Equal(0.0, result.CleanAccuracy);
        Assert.Equal(0.0, result.Robust[0].Accuracy);
        Assert.Equal(4, result.TiedClean);
    }

    /// <summary>
    /// Logits [0, w·x + b] with label 1: an image is robust at ε exactly when w·x + b − ε‖w‖₁ &gt; 0 (the linear worst case),
    /// which holds for the first two images below and not for the third (clean-correct, but within reach) or the fourth (wrong).
    /// </summary>
    [Fact]
    public void RobustAccuracyOfALinearModelIsTheAnalyticOne()
    {
        using var linear = nn.Sequential(("flatten", nn.Flatten()), ("fc", nn.Linear(2, 2)));
        using (torch.no_grad())
        {
            var fc = (TorchSharp.Modules.Linear)linear[1];
            fc.weight!.copy_(torch.tensor(new[] { 0f, 0f, 1f, -1f }).view(2, 2));
            fc.bias!.copy_(torch.tensor(new[] { 0f, 0f }));
        }
        // w·x = x0 − x1, ‖w‖₁ = 2, ε = 0.1: robust iff x0 − x1 > 0.2.
        var images = torch.tensor(new[] { 0.9f, 0.1f, 0.7f, 0.4f, 0.6f, 0.5f, 0.2f, 0.8f }).view(4, 1, 1, 2);
        var labels = torch.ones(4, dtype: ScalarType.Int64);
        var result = RobustEvaluation.Evaluate(linear, images, labels,
            [new PgdSettings(0.1, 20, 0.02, AttackLoss.CrossEntropy), new PgdSettings(0.1, 20, 0.02, AttackLoss.Margin)], batchSize: 3);
        Assert.Equal(0.75, result.CleanAccuracy);
        Assert.All(result.Robust, r => Assert.Equal(0.5, r.Accuracy));
    }
}
