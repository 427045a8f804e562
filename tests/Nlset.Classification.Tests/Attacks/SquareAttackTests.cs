using Nlset.Classification.Attacks;
using Nlset.Classification.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Tests.Attacks;

/// <summary>Square Attack: every query inside the ε-ball ∩ [0, 1], the p schedule, the query budget, a toy model broken exactly where it can be.</summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class SquareAttackTests
{
    /// <summary>
    /// Copies of one image with pixels at 0, at 1 and between (so the box is cut by the image range): every point the
    /// attack queries (the start and every proposal, whichever images are still open) and every point it returns lies
    /// within ε of the image and in [0, 1], and the search reaches the ball's edge.
    /// </summary>
    [Fact]
    public void EveryQueryStaysInTheBallAndTheImageRange()
    {
        Nlset.Core.Seeding.Apply(5);
        using var model = new ConvNet4a();
        model.eval();
        var image = torch.rand(1, 1, 28, 28, generator: new Generator(9));
        image[0, 0, .., ..10] = torch.zeros(28, 10);
        image[0, 0, .., 20..] = torch.ones(28, 8);
        var x = image.expand(6, 1, 28, 28).contiguous();
        var labels = model.call(x).argmax(1);
        const double epsilon = 0.3;
        var queried = 0L;
        var farthest = 0.0;
        Tensor Logits(Tensor p)
        {
            Assert.True(p.min().item<float>() >= 0f && p.max().item<float>() <= 1f);
            var distance = (p - image).abs().max().item<float>();
            Assert.True(distance <= epsilon + 1e-6, $"a query {distance} from the image");
            farthest = Math.Max(farthest, distance);
            queried += p.shape[0];
            return model.call(p);
        }
        using var generator = new Generator(2);
        var adversarial = new SquareAttack(new SquareSettings(epsilon, 60)).Perturb(Logits, x, labels, generator);
        Assert.True((adversarial - x).abs().max().item<float>() <= epsilon + 1e-6);
        Assert.True(adversarial.min().item<float>() >= 0f && adversarial.max().item<float>() <= 1f);
        Assert.True(farthest > epsilon - 1e-6);
        Assert.True(queried > 6);
    }

    /// <summary>p_init halved after 10, 50, 200, 500, 1,000, 2,000, 4,000, 6,000, 8,000 of 10,000 queries, rescaled to the budget.</summary>
    [Fact]
    public void SquareFractionFollowsTheSchedule()
    {
        Assert.Equal(0.8, SquareAttack.SquareFraction(0, 10000, 0.8));
        Assert.Equal(0.8, SquareAttack.SquareFraction(10, 10000, 0.8));
        Assert.Equal(0.4, SquareAttack.SquareFraction(11, 10000, 0.8));
        Assert.Equal(0.2, SquareAttack.SquareFraction(51, 10000, 0.8));
        Assert.Equal(0.8 / 512, SquareAttack.SquareFraction(9999, 10000, 0.8));
        // 5,000 queries: query i stands for ⌊2i⌋ of 10,000.
        Assert.Equal(0.8, SquareAttack.SquareFraction(5, 5000, 0.8));
        Assert.Equal(0.4, SquareAttack.SquareFraction(6, 5000, 0.8));
        Assert.Equal(0.8 / 16, SquareAttack.SquareFraction(500, 5000, 0.8));
        Assert.Equal(0.8 / 32, SquareAttack.SquareFraction(501, 5000, 0.8));
        // MNIST at the start: √(0.8·784) = 25.04 → 25 pixels; at the end 0.8/512·784 = 1.2 → 1.
        Assert.Equal(25, SquareAttack.Side(0, 5000, 0.8, 28, 28));
        Assert.Equal(1, SquareAttack.Side(4999, 5000, 0.8, 28, 28));
    }

    /// <summary>
    /// An undefended linear toy model on 1 × 8 × 8 images, logits [0, w·x + b], label 1: image i can be misclassified in the
    /// ε-box exactly when w·x + b − ε‖w‖₁ ≤ 0 (the box inside [0, 1]). Square, seeing only the logits, must break those
    /// (chosen with room to spare) and no others; an unbreakable image uses the whole query budget, a broken one stops.
    /// </summary>
    [Fact]
    public void BreaksAnUndefendedToyModelWhereItCanBeBroken()
    {
        const double epsilon = 0.1;
        var random = new Random(3);
        var w = torch.tensor(Enumerable.Range(0, 64).Select(_ => random.NextDouble() * 2 - 1).ToArray(), dtype: ScalarType.Float64);
        var norm = w.abs().sum().item<double>();
        var x = 0.2 + 0.6 * torch.rand(8, 1, 8, 8, dtype: ScalarType.Float64, generator: new Generator(4));
        // Biases chosen so that the worst-case score w·x + b − ε‖w‖₁ is −0.3ε‖w‖₁ (breakable) or +0.05ε‖w‖₁ (not), alternately.
        var worstCase = Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? -0.3 : 0.05) * epsilon * norm).ToArray();
        var bias = torch.tensor(worstCase, dtype: ScalarType.Float64) - x.reshape(8, 64).matmul(w) + epsilon * norm;
        var queries = new long[8];
        Tensor Logits(Tensor p)
        {
            // Which image a query row belongs to (the attack queries only its open images): the nearest in L∞, since the
            // images lie much farther than 2ε apart.
            var flat = p.reshape(p.shape[0], 64);
            var nearest = torch.cdist(flat, x.reshape(8, 64), p: double.PositiveInfinity).argmin(1).data<long>().ToArray();
            foreach (var i in nearest) queries[i]++;
            var score = flat.matmul(w) + bias.index_select(0, torch.tensor(nearest));
            return torch.stack([torch.zeros_like(score), score], 1);
        }
        var labels = torch.ones(8, dtype: ScalarType.Int64);
        using var generator = new Generator(6);
        var adversarial = new SquareAttack(new SquareSettings(epsilon, 1000)).Perturb(Logits, x, labels, generator);
        var fooled = Misclassification.Of(Logits(adversarial), labels).data<bool>().ToArray();
        Assert.Equal(Enumerable.Range(0, 8).Select(i => i % 2 == 0), fooled);
        for (var i = 0; i < 8; i++)
            if (i % 2 == 1) Assert.Equal(1000 + 1, queries[i]);   // the budget, and the check above
            else Assert.True(queries[i] < 1000, $"image {i} used {queries[i]} queries");
    }

    [Fact]
    public void SameSeedSameAttackOtherSeedOtherPoints()
    {
        Nlset.Core.Seeding.Apply(1);
        using var model = new ConvNet4a();
        model.eval();
        var x = torch.rand(3, 1, 28, 28, generator: new Generator(8));
        var labels = model.call(x).argmax(1);
        var attack = new SquareAttack(new SquareSettings(0.3, 30));
        Tensor Run(ulong seed)
        {
            using var g = new Generator(seed);
            return attack.Perturb(model.call, x, labels, g);
        }
        Assert.True(Run(4).eq(Run(4)).all().item<bool>());
        Assert.False(Run(4).eq(Run(5)).all().item<bool>());
    }
}
