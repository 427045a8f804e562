using Nlset.Classification.Attacks;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Tests.Attacks;

/// <summary>The ensemble protocol: attacks only still-robust images, robust only if every attack fails, repeatable, and points outside the ball are bugs.</summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class AttackEnsembleTests
{
    /// <summary>
    /// Images [1, 1, 2]: pixel 0 is the image's number / 100, pixel 1 its class evidence; logits [0, 10·(pixel 1 − 0.5)],
    /// label 1. Images 0–9 have evidence 0.8 (correct), 10–11 have 0.3 (wrong when clean).
    /// </summary>
    static (nn.Module<Tensor, Tensor> Model, Tensor Images, Tensor Labels) Toy()
    {
        var model = nn.Sequential(("flatten", nn.Flatten()), ("fc", nn.Linear(2, 2)));
        using (torch.no_grad())
        {
            var fc = (TorchSharp.Modules.Linear)model[1];
            fc.weight!.copy_(torch.tensor(new[] { 0f, 0f, 0f, 10f }).view(2, 2));
            fc.bias!.copy_(torch.tensor(new[] { 0f, -5f }));
        }
        var pixels = Enumerable.Range(0, 12).SelectMany(i => new[] { i / 100f, i < 10 ? 0.8f : 0.3f }).ToArray();
        return (model, torch.tensor(pixels).view(12, 1, 1, 2), torch.ones(12, dtype: ScalarType.Int64));
    }

    /// <summary>A deterministic fake attack: lowers the evidence of the images it is told to break (by ε = 0.4, to 0.4) and records which images it was given.</summary>
    sealed class Breaks(string key, params int[] victims) : IAdversarialAttack
    {
        public List<int> Seen { get; } = [];
        public string Key => key;
        public string Description => key;
        public double Epsilon => 0.4;

        public Tensor Perturb(Func<Tensor, Tensor> logitsOf, Tensor x, Tensor labels, Generator generator, Action<double>? progress = null, CancellationToken cancel = default)
        {
            var ids = (x[.., 0, 0, 0] * 100).round().to(ScalarType.Int64).data<long>().Select(v => (int)v).ToArray();
            Seen.AddRange(ids);
            var points = x.clone();
            for (var r = 0; r < ids.Length; r++)
                if (victims.Contains(ids[r])) points[r, 0, 0, 1] = x[r, 0, 0, 1] - 0.4f;
            return points;
        }
    }

    [Fact]
    public void AttacksOnlyStillRobustImagesAndRobustMeansSurvivingAll()
    {
        var (model, images, labels) = Toy();
        using var _ = model;
        var first = new Breaks("first", 1, 2, 10);
        var second = new Breaks("second", 2, 3, 4);
        var third = new Breaks("third", 5, 0);
        var result = AttackEnsemble.Evaluate(model, images, labels, [first, second, third], batchSize: 4);

        Assert.Equal(10.0 / 12, result.CleanAccuracy);
        // Each attack sees the clean-correct images no earlier attack broke, in order.
        Assert.Equal(Enumerable.Range(0, 10), first.Seen);
        Assert.Equal([0, 3, 4, 5, 6, 7, 8, 9], second.Seen);
        Assert.Equal([0, 5, 6, 7, 8, 9], third.Seen);
        Assert.Equal([10, 8, 6], result.Attacks.Select(a => a.Attacked));
        Assert.Equal([2, 2, 2], result.Attacks.Select(a => a.Broken));
        Assert.Equal([8.0 / 12, 6.0 / 12, 4.0 / 12], result.Attacks.Select(a => a.RobustAccuracy));
        Assert.Equal(4.0 / 12, result.RobustAccuracy);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i is >= 6 and <= 9), result.Robust);
    }

    /// <summary>The ensemble's verdict per image is the minimum (logical and) of each attack's verdict run alone, and its accuracy their per-image minimum's mean.</summary>
    [Fact]
    public void EnsembleAccuracyIsThePerImageMinimumOverAttacks()
    {
        var (model, images, labels) = Toy();
        using var _ = model;
        int[][] victims = [[1, 2, 10], [2, 3, 4], [5, 0]];
        var alone = victims.Select((v, k) => AttackEnsemble.Evaluate(model, images, labels, [new Breaks($"a{k}", v)]).Robust).ToArray();
        var together = AttackEnsemble.Evaluate(model, images, labels, victims.Select((v, k) => (IAdversarialAttack)new Breaks($"a{k}", v)).ToArray());
        var minimum = Enumerable.Range(0, 12).Select(i => alone.All(r => r[i])).ToArray();
        Assert.Equal(minimum, together.Robust);
        Assert.Equal(minimum.Count(r => r) / 12.0, together.RobustAccuracy);
        Assert.All(alone, r => Assert.True(together.RobustAccuracy <= r.Count(v => v) / 12.0));
    }

    sealed class Escapes : IAdversarialAttack
    {
        public string Key => "escapes";
        public string Description => Key;
        public double Epsilon => 0.1;
        public Tensor Perturb(Func<Tensor, Tensor> logitsOf, Tensor x, Tensor labels, Generator generator, Action<double>? progress = null, CancellationToken cancel = default)
            => (x - 0.2).clamp_min(0);
    }

    [Fact]
    public void APointOutsideTheBallIsABugNotASuccess()
    {
        var (model, images, labels) = Toy();
        using var _ = model;
        var ex = Assert.Throws<InvalidOperationException>(() => AttackEnsemble.Evaluate(model, images, labels, [new Escapes()]));
        Assert.Contains("escapes returned a point outside its ε-ball", ex.Message);
    }

    /// <summary>The standard ensemble (small budgets) on a random linear 10-class model: the same seed repeats exactly, figures and verdicts.</summary>
    [Fact]
    public void SeededStandardEnsembleRepeatsExactly()
    {
        torch.manual_seed(3);
        using var model = nn.Sequential(("flatten", nn.Flatten()), ("fc", nn.Linear(36, 10)));
        var images = torch.rand(20, 1, 6, 6, generator: new Generator(1));
        var labels = model.call(images).argmax(1);
        var attacks = AttackEnsemble.Standard(0.05, iterations: 10, targets: 3, queries: 40);
        var progress = new List<EnsembleProgress>();
        var one = AttackEnsemble.Evaluate(model, images, labels, attacks, batchSize: 8, seed: 7, progress: new Recorder(progress));
        var two = AttackEnsemble.Evaluate(model, images, labels, attacks, batchSize: 8, seed: 7);
        Assert.Equal(1.0, one.CleanAccuracy);
        Assert.Equal(one.Robust, two.Robust);
        Assert.Equal(one.Attacks.Select(a => (a.Attacked, a.Broken)), two.Attacks.Select(a => (a.Attacked, a.Broken)));
        Assert.Equal(["apgd-ce", "apgd-t", "square"], one.Attacks.Select(a => a.Key));
        Assert.True(one.RobustAccuracy < 1.0, "nothing broken: the test shows nothing");
        Assert.True(one.Attacks[2].Attacked > 0, "APGD-CE broke everything: the later attacks did not run");
        Assert.Equal(1.0, progress[^1].Fraction);
        Assert.True(progress.Select(p => p.Fraction).Zip(progress.Skip(1).Select(p => p.Fraction)).All(p => p.First <= p.Second + 1e-12));
    }

    /// <summary>The whole ensemble (every attack's iterations, restarts, targets and queries) leaves no tensor alive on this thread (TorchSharp's per-thread count, as in Training/MemoryTests).</summary>
    [Fact]
    public void LeavesNoTensorBehind()
    {
        torch.manual_seed(4);
        using var model = nn.Sequential(("flatten", nn.Flatten()), ("fc", nn.Linear(36, 10)));
        using var images = torch.rand(12, 1, 6, 6, generator: new Generator(2));
        Tensor labels;
        using (torch.no_grad())
        using (var scope = torch.NewDisposeScope())
            labels = model.call(images).argmax(1).MoveToOuterDisposeScope();
        using var labelsOwned = labels;
        var attacks = AttackEnsemble.Standard(0.05, iterations: 12, targets: 3, queries: 30);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var counts = Enumerable.Range(0, 2).Select(_ =>
        {
            AttackEnsemble.Evaluate(model, images, labels, attacks, batchSize: 5);
            return DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        }).ToArray();
        Assert.Equal([before, before], counts);
    }

    sealed class Recorder(List<EnsembleProgress> list) : IProgress<EnsembleProgress>
    {
        public void Report(EnsembleProgress value) => list.Add(value);
    }
}
