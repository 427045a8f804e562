using Nlset.Classification.Models;
using Nlset.Classification.Robust;
using Nlset.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Tests.Robust;

/// <summary>Training, checkpoints and resuming on a few generated 28 × 28 images (seconds).</summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class RobustTrainerTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nlset-robust-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Images whose label lights a 4 × 4 block at one of ten places over faint noise.</summary>
    static (Tensor Images, Tensor Labels) Blocks(int n, int seed)
    {
        using var g = new Generator((ulong)seed);
        var labels = torch.randint(0, 10, [n], generator: g);
        var images = torch.rand(n, 1, 28, 28, generator: g) * 0.15f;
        for (var i = 0; i < n; i++)
        {
            var l = labels[i].item<long>();
            int row = 4 + 10 * (int)(l / 5), col = 3 + 5 * (int)(l % 5);
            images[i, 0, row..(row + 4), col..(col + 4)] = torch.ones(4, 4);
        }
        return (images, labels);
    }

    static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    static RobustTrainingSettings Quick(RobustMethod method) =>
        RobustTrainingSettings.ForDataset(Nlset.Classification.Data.DatasetName.Mnist, method) with
        {
            Epochs = 2, BatchSize = 16, ValidationCount = 8, ValidationSteps = 2,
            TrainingAttack = new(0.3, 2, 0.15),
            LevelSet = new LevelSetRobustSettings { SearchSteps = 2, StepSize = 0.2 },
        };

    [Theory]
    [InlineData(RobustMethod.Xent)]
    [InlineData(RobustMethod.Madry)]
    [InlineData(RobustMethod.Trades)]
    [InlineData(RobustMethod.Ours)]
    public void EveryMethodTrainsAndRecordsEachEpoch(RobustMethod method)
    {
        var (images, labels) = Blocks(32, 1);
        Nlset.Core.Seeding.Apply(0);
        using var model = new ConvNet4a();
        var before = model.parameters().Select(p => p.clone()).ToArray();
        using var trainer = new RobustTrainer(model, Quick(method), images, labels, (images[..8], labels[..8]));
        Assert.True(trainer.Train());
        Assert.Equal(2, trainer.History.Count);
        Assert.All(trainer.History, r => Assert.True(double.IsFinite(r.Loss) && double.IsFinite(r.ValidationRobust)));
        Assert.Contains(model.parameters().Zip(before), pair => !Same(pair.First, pair.Second));
        if (method == RobustMethod.Ours) Assert.True(trainer.History[0].BoundarySampleShare > 0);
    }

    /// <summary>
    /// A class the network never predicts (its fc3 bias far below the others) shows as a 0 in the epoch's per-class
    /// counts, every method counts the predictions of all examples, and the counts are what the network predicts (a
    /// learning rate too small to change any prediction, so they equal the argmax counts after the epoch).
    /// </summary>
    [Theory]
    [InlineData(RobustMethod.Xent)]
    [InlineData(RobustMethod.Madry)]
    [InlineData(RobustMethod.Trades)]
    [InlineData(RobustMethod.Ours)]
    public void PredictionsPerClassShowADeadClass(RobustMethod method)
    {
        var (images, labels) = Blocks(40, 2);
        Nlset.Core.Seeding.Apply(0);
        using var model = new ConvNet4a();
        using (torch.no_grad())
        {
            var bias = model.state_dict()["model.fc3.bias"];
            bias[2] = bias[2] - 1e4;                               // class 2 is dead
        }
        using var trainer = new RobustTrainer(model, Quick(method) with { Epochs = 1, LearningRate = 1e-12 }, images, labels);
        var reported = new List<long[]>();
        Assert.True(trainer.Train(new SynchronousProgress(p => { if (p.PredictedPerClass is { } c) reported.Add(c); })));
        var counts = trainer.History[0].PredictedPerClass!;
        Assert.Equal(10, counts.Length);
        Assert.Equal(0, counts[2]);
        Assert.Equal(40, counts.Sum());
        model.eval();
        using var noGrad = torch.no_grad();
        var expected = torch.bincount(model.call(images).argmax(1), minlength: 10).data<long>().ToArray();
        Assert.Equal(expected, counts);
        Assert.Equal(counts, reported[^1]);                          // the progress carries the running counts
        Assert.Equal(16, reported[0].Sum());                         // after the first batch of 16
    }

    sealed class SynchronousProgress(Action<RobustProgress> report) : IProgress<RobustProgress>
    {
        public void Report(RobustProgress value) => report(value);
    }

    /// <summary>One epoch, a checkpoint, a resume for the second: the same weights as two epochs in one go.</summary>
    [Fact]
    public void ResumingFromACheckpointContinuesExactly()
    {
        var (images, labels) = Blocks(32, 2);
        var settings = Quick(RobustMethod.Ours);
        Nlset.Core.Seeding.Apply(settings.Seed);
        using var straight = RobustArchitecture.ConvNet4a.Create();
        using (var t = new RobustTrainer(straight, settings, images, labels)) t.Train();

        var path = Path.Combine(_dir, "half.pt");
        Nlset.Core.Seeding.Apply(settings.Seed);
        using (var first = RobustArchitecture.ConvNet4a.Create())
        using (var t = new RobustTrainer(first, settings with { Epochs = 1 }, images, labels))
        {
            t.Train();
            RobustCheckpoint.Save(path, first, t.Optimizer, new RobustCheckpoint.Info(RobustArchitecture.ConvNet4a, "mnist", settings, t.EpochsDone, false, t.History, null));
        }
        RobustTrainer? resumed = null;
        var (model, info) = RobustCheckpoint.Load(path, null, m =>
        {
            resumed = new RobustTrainer(m, info0(path).Settings, images, labels);
            return resumed.Optimizer;
        });
        using (model)
        using (resumed)
        {
            Assert.Equal(1, info.EpochsDone);
            resumed!.ResumeAfter(info.EpochsDone, info.History);
            resumed.Train();
            Assert.Equal(2, resumed.History.Count);
            foreach (var (a, b) in model.parameters().Zip(straight.parameters()))
                Assert.True(Same(a, b), "resumed weights differ from the uninterrupted run");
        }

        static RobustCheckpoint.Info info0(string p) => RobustCheckpoint.ReadInfo(p);
    }

    [Fact]
    public void CancelledTrainingStopsAndSaysSo()
    {
        var (images, labels) = Blocks(32, 3);
        using var model = new ConvNet4a();
        using var trainer = new RobustTrainer(model, Quick(RobustMethod.Xent), images, labels);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.False(trainer.Train(cancel: cancel.Token));
        Assert.Equal(0, trainer.EpochsDone);
    }

    [Fact]
    public void CheckpointRoundTripsAndDamagedFilesAreInputErrors()
    {
        var settings = Quick(RobustMethod.Madry);
        Nlset.Core.Seeding.Apply(7);
        using var model = new ConvNet4a();
        model.eval();
        var path = Path.Combine(_dir, "m.pt");
        var history = new[] { new EpochRecord(1, 0.5, 0.8, 0.7, 0.3, 12.0, double.NaN) };
        RobustCheckpoint.Save(path, model, null, new RobustCheckpoint.Info(RobustArchitecture.ConvNet4a, "mnist", settings, 1, false, history, null));
        Assert.True(RobustCheckpoint.IsCheckpoint(path));
        var (loaded, info) = RobustCheckpoint.Load(path);
        using (loaded)
        {
            var x = torch.rand(3, 1, 28, 28);
            using var noGrad = torch.no_grad();
            Assert.True(Same(model.call(x), loaded.call(x)));
        }
        Assert.Equal(settings, info.Settings);
        Assert.Equal(RobustMethod.Madry, info.Settings.Method);
        Assert.Equal(0.3, info.History[0].ValidationRobust);
        Assert.True(double.IsNaN(info.History[0].BoundarySampleShare));

        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.Throws<ModelFileException>(() => RobustCheckpoint.Load(path));
        File.WriteAllText(path, "NLSETCLS and so on");
        Assert.Throws<ModelFileException>(() => RobustCheckpoint.ReadInfo(path));
    }

    /// <summary>Version-1 checkpoints were written when "convnet4a" had ReLUs in its head: they load as smallcnn, the network they were trained as.</summary>
    [Fact]
    public void VersionOneConvNet4aCheckpointsLoadAsTheReluHeadNetwork()
    {
        var settings = Quick(RobustMethod.Ours);
        Nlset.Core.Seeding.Apply(8);
        using var reluHead = new SmallCnn();
        reluHead.eval();
        var path = Path.Combine(_dir, "v1.pt");
        RobustCheckpoint.Save(path, reluHead, null, new RobustCheckpoint.Info(RobustArchitecture.ConvNet4a, "mnist", settings, 1, false, [], null));
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(RobustCheckpoint.FormatVersion, BitConverter.ToInt32(bytes, 8));
        BitConverter.GetBytes(1).CopyTo(bytes, 8);                   // as the build before the linear head wrote it
        File.WriteAllBytes(path, bytes);
        var (loaded, info) = RobustCheckpoint.Load(path);
        using (loaded)
        {
            Assert.Equal(RobustArchitecture.SmallCnn, info.Architecture);
            Assert.Equal(RobustArchitecture.SmallCnn, info.Settings.Architecture);
            Assert.IsType<SmallCnn>(loaded);
            var x = torch.rand(3, 1, 28, 28);
            using var noGrad = torch.no_grad();
            Assert.True(Same(reluHead.call(x), loaded.call(x)));
        }
    }
}
