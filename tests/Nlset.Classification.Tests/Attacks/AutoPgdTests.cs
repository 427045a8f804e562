using Nlset.Classification.Attacks;
using Nlset.Classification.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Tests.Attacks;

/// <summary>Auto-PGD: the checkpoints and step-size rule against their definitions, the analytic worst case of linear models, repeatability.</summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class AutoPgdTests
{
    /// <summary>p_0 = 0, p_1 = 0.22, p_{j+1} = p_j + max(p_j − p_{j−1} − 0.03, 0.06), w_j = p_j·N ≤ N, in hundredths for N = 100.</summary>
    [Fact]
    public void CheckpointsFollowTheirDefinition()
    {
        var expected = new List<int>();
        int before = 0, p = 22;
        while (p <= 100)
        {
            expected.Add(p);
            (before, p) = (p, p + Math.Max(p - before - 3, 6));
        }
        Assert.Equal([22, 41, 57, 70, 80, 87, 93, 99], expected);
        Assert.Equal(expected, AutoPgd.Checkpoints(100));
        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9, 10], AutoPgd.Checkpoints(10));   // lengths ⌊2.2⌋ = 2, then the minimum 1
    }

    /// <summary>
    /// A toy loss that follows a script per image (its gradient is 0, so the points do not matter): the step sizes the
    /// attack uses must be those of the definition, recomputed here from the observed losses — 2ε at first; at each
    /// checkpoint w_j halved where fewer than ρ·(w_j − w_{j−1}) steps since w_{j−1} increased f (condition 1) or where the
    /// step size was not halved at w_{j−1} and f_max did not increase since (condition 2); otherwise kept — and after a
    /// halving the next step must leave from the best point (its loss is f_max).
    /// </summary>
    [Fact]
    public void StepSizeScheduleFollowsItsDefinitionOnAToyLoss()
    {
        const int iterations = 100;
        const double epsilon = 0.1;
        var random = new Random(4);
        var noise = Enumerable.Range(0, iterations + 1).Select(_ => random.NextDouble()).ToArray();
        var upAndDown = Enumerable.Range(0, iterations + 1).Select(c => (double)(c % 4 == 3 ? 0 : c)).ToArray();
        // Rows: always increasing (never halved); constant (condition 1 at every checkpoint); increasing but below a
        // huge start (condition 2 on alternate checkpoints); random; three increases in four (condition 1 where a
        // window's length makes 3/4 fall short of ρ·length).
        Func<int, double>[] scripts = [c => c, _ => 0, c => c == 0 ? 1000 : c, c => noise[c], c => upAndDown[c]];
        var calls = 0;
        (Tensor, Tensor) Objective(Tensor p)
        {
            var values = torch.tensor(scripts.Select(s => s(calls)).ToArray(), dtype: ScalarType.Float64);
            calls++;
            return (values + 0 * p.sum(1), torch.zeros(p.shape[0], dtype: ScalarType.Bool));
        }
        var steps = new List<(double[] Eta, double[] Before, double[] After)>();
        var x = torch.full(scripts.Length, 3, 0.5, dtype: ScalarType.Float64);
        using var generator = new Generator(1);
        AutoPgd.Maximise(Objective, x, new AutoPgdSettings(epsilon, iterations), generator,
            observe: s => steps.Add((s.StepSize.data<double>().ToArray(), s.LossBefore.data<double>().ToArray(), s.LossAfter.data<double>().ToArray())));
        Assert.Equal(iterations, steps.Count);

        var checkpoints = AutoPgd.Checkpoints(iterations).ToHashSet();
        var halvings = new int[scripts.Length];
        for (var r = 0; r < scripts.Length; r++)
        {
            double eta = 2 * epsilon, best = steps[0].Before[r], bestAtCheckpoint = best;
            int successes = 0, last = 0;
            var halvedAtCheckpoint = false;
            for (var k = 0; k < iterations; k++)
            {
                Assert.Equal(eta, steps[k].Eta[r]);
                if (steps[k].After[r] > steps[k].Before[r]) successes++;
                best = Math.Max(best, steps[k].After[r]);
                var restart = false;
                if (checkpoints.Contains(k + 1))
                {
                    var condition1 = successes < 0.75 * (k + 1 - last);
                    var condition2 = !halvedAtCheckpoint && bestAtCheckpoint >= best;
                    restart = condition1 || condition2;
                    if (restart) { eta /= 2; halvings[r]++; }
                    (halvedAtCheckpoint, bestAtCheckpoint, successes, last) = (restart, best, 0, k + 1);
                }
                if (k + 1 < iterations)
                    Assert.Equal(restart ? best : steps[k].After[r], steps[k + 1].Before[r]);
            }
        }
        Assert.Equal(0, halvings[0]);
        Assert.Equal(8, halvings[1]);
        Assert.Equal(4, halvings[2]);
    }

    /// <summary>
    /// Two classes, logits [0, w·x + b], label 1, b large enough that no point in the box is misclassified: the cross-entropy
    /// is decreasing in w·x, so its maximiser in the ε-box ∩ [0, 1] is x − ε·sign(w) clipped to [0, 1] — which APGD-CE
    /// must return exactly (its best point). Coordinates near 0 and 1 make the clipping matter.
    /// </summary>
    [Fact]
    public void ApgdCeFindsTheAnalyticWorstCaseOfALinearModel()
    {
        var w = torch.tensor(new[] { 0.5, -2.0, 1.0, -0.1 }, dtype: ScalarType.Float64);
        Tensor Logits(Tensor p)
        {
            var score = p.reshape(p.shape[0], 4).matmul(w) + 5.0;
            return torch.stack([torch.zeros_like(score), score], 1);
        }
        var x = torch.tensor(new[] { 0.5, 0.4, 0.6, 0.5, 0.1, 0.95, 0.5, 0.02 }, dtype: ScalarType.Float64).view(2, 4);
        var labels = torch.tensor(new long[] { 1, 1 });
        using var generator = new Generator(3);
        var attack = new AutoPgdCrossEntropy(new AutoPgdSettings(0.2, 20));
        var adversarial = attack.Perturb(Logits, x, labels, generator);
        var expected = (x - 0.2 * w.sign()).clamp(0, 1);
        Assert.True(torch.allclose(adversarial, expected, rtol: 0, atol: 1e-12));
    }

    /// <summary>
    /// Four classes, logits W x + b: image i is robust at ε exactly when (w_y − w_j)·x + b_y − b_j − ε‖w_y − w_j‖₁ &gt; 0 for
    /// every j ≠ y (the box stays inside [0, 1] here). Both APGD attacks must break exactly the others.
    /// </summary>
    [Theory]
    [InlineData("apgd-ce")]
    [InlineData("apgd-t")]
    public void ApgdBreaksExactlyTheImagesALinearWorstCaseBreaks(string key)
    {
        const double epsilon = 0.1;
        var random = new Random(11);
        var weights = torch.tensor(Enumerable.Range(0, 4 * 6).Select(_ => random.NextDouble() * 2 - 1).ToArray(), dtype: ScalarType.Float64).view(4, 6);
        var bias = torch.tensor(new[] { 0.1, -0.2, 0.05, 0.0 }, dtype: ScalarType.Float64);
        Tensor Logits(Tensor p) => p.reshape(p.shape[0], 6).matmul(weights.t()) + bias;
        var x = 0.2 + 0.6 * torch.rand(64, 6, dtype: ScalarType.Float64, generator: new Generator(2));
        var labels = Logits(x).argmax(1);
        // The analytic worst-case margin over the box: min over j ≠ y of (w_y − w_j)·x + b_y − b_j − ε‖w_y − w_j‖₁.
        var worst = new double[64];
        var robust = new bool[64];
        for (var i = 0; i < 64; i++)
        {
            var y = labels[i].item<long>();
            worst[i] = double.PositiveInfinity;
            for (var j = 0; j < 4; j++)
            {
                if (j == y) continue;
                var d = weights[y] - weights[j];
                worst[i] = Math.Min(worst[i], (d.dot(x[i]) + bias[y] - bias[j] - epsilon * d.abs().sum()).item<double>());
            }
            robust[i] = worst[i] > 0;
        }
        // Keep the test away from ties: no image within 1e-3 of the threshold, and both kinds present.
        Assert.All(worst, m => Assert.True(Math.Abs(m) > 1e-3));
        Assert.Contains(true, robust);
        Assert.Contains(false, robust);

        IAdversarialAttack attack = key == "apgd-ce"
            ? new AutoPgdCrossEntropy(new AutoPgdSettings(epsilon))
            : new AutoPgdTargeted(new AutoPgdSettings(epsilon), targets: 3);
        using var generator = new Generator(5);
        var adversarial = attack.Perturb(Logits, x, labels, generator);
        Assert.True((adversarial - x).abs().max().item<double>() <= epsilon + 1e-12);
        var fooled = Misclassification.Of(Logits(adversarial), labels).data<bool>().ToArray();
        Assert.Equal(robust.Select(r => !r), fooled);
    }

    [Fact]
    public void SameSeedSameAttackOtherSeedOtherStart()
    {
        Nlset.Core.Seeding.Apply(1);
        using var model = new ConvNet4a();
        model.eval();
        var x = torch.rand(3, 1, 28, 28, generator: new Generator(8));
        var labels = model.call(x).argmax(1);   // correctly classified, so APGD-T attacks them
        foreach (IAdversarialAttack attack in new IAdversarialAttack[] { new AutoPgdCrossEntropy(new AutoPgdSettings(0.3, 5)), new AutoPgdTargeted(new AutoPgdSettings(0.3, 3), 2) })
        {
            Tensor Run(ulong seed)
            {
                using var g = new Generator(seed);
                return attack.Perturb(model.call, x, labels, g);
            }
            Assert.True(Run(4).eq(Run(4)).all().item<bool>(), attack.Key);
            Assert.False(Run(4).eq(Run(5)).all().item<bool>(), attack.Key);
        }
    }
}
