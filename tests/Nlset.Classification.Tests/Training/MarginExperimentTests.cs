using Nlset.Classification.Data;
using Nlset.Classification.Losses;
using Nlset.Classification.Models;
using Nlset.Classification.Reporting;
using Nlset.Classification.Training;
using TorchSharp;

namespace Nlset.Classification.Tests.Training;

/// <summary>The experiment protocol on a tiny learnable dataset: same subsets and starts for every loss, repeatable, reported.</summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class MarginExperimentTests
{
    /// <summary>8 × 8 images: label l lights a 2 × 2 block at one of ten places (plus noise); 0–4 vs 5–9 is learnable.</summary>
    internal static DatasetSplit Blocks(int train, int test, int seed = 1)
    {
        var random = new Random(seed);
        ImageSet Make(int n)
        {
            var pixels = new byte[n * 64];
            var labels = new byte[n];
            for (var i = 0; i < n; i++)
            {
                var label = random.Next(10);
                labels[i] = (byte)label;
                for (var p = 0; p < 64; p++) pixels[i * 64 + p] = (byte)random.Next(60);
                int row = 2 * (label / 5) + 1, col = label % 5 + 1;
                foreach (var (dr, dc) in new[] { (0, 0), (0, 1), (1, 0), (1, 1) }) pixels[i * 64 + (row + dr) * 8 + col + dc] = 255;
            }
            return new ImageSet(pixels, labels, 1, 8, 8, "blocks");
        }
        return new DatasetSplit(Make(train), Make(test));
    }

    static MarginExperimentPlan Plan(int runs = 2) => new()
    {
        Losses = [MarginLossKind.GeometricSvm, MarginLossKind.CrossEntropy, MarginLossKind.Hinge],
        Fractions = [0.1, 0.5],
        Runs = runs,
        FirstSeed = 10,
        Training = new MarginTrainingSettings { Epochs = 30, LearningRate = 0.01, Device = "cpu" },
    };

    [Fact]
    public void EveryLossSeesTheSameSubsetAndStartAndLearns()
    {
        var data = Blocks(200, 100);
        var firstWeights = new Dictionary<(double, int), List<float[]>>();
        var result = MarginExperiment.Run(data, BinaryClasses.LowAgainstHigh, Plan(), trained: (model, spec, run) => { });
        Assert.Equal(12, result.Runs.Count);
        Assert.Equal((200, 100), (result.TrainCount, result.TestCount));
        foreach (var group in result.Runs.GroupBy(r => (r.Fraction, r.Run)))
        {
            Assert.Equal(3, group.Count());
            Assert.Single(group.Select(r => r.Seed).Distinct());
            Assert.Equal(group.Key.Fraction == 0.1 ? 20 : 100, group.First().TrainCount);
        }
        Assert.All(result.Runs.Where(r => r.Fraction == 0.5), r => Assert.True(r.TestAccuracy > 0.9, $"{r.Loss}: {r.TestAccuracy}"));
        var summaries = result.Summaries();
        Assert.Equal(6, summaries.Count);
        Assert.Equal([0.1, 0.1, 0.1, 0.5, 0.5, 0.5], summaries.Select(s => s.Fraction));
    }

    [Fact]
    public void SeededRunsRepeatExactly()
    {
        var data = Blocks(100, 50);
        var plan = Plan(runs: 1) with { Fractions = [0.3] };
        var a = MarginExperiment.Run(data, BinaryClasses.LowAgainstHigh, plan);
        var b = MarginExperiment.Run(data, BinaryClasses.LowAgainstHigh, plan);
        Assert.Equal(a.Runs.Select(r => (r.TestAccuracy, r.FinalLoss)), b.Runs.Select(r => (r.TestAccuracy, r.FinalLoss)));
        var other = MarginExperiment.Run(data, BinaryClasses.LowAgainstHigh, plan with { FirstSeed = 11 });
        Assert.NotEqual(a.Runs.Select(r => r.FinalLoss), other.Runs.Select(r => r.FinalLoss));
    }

    [Fact]
    public void CancellationKeepsOnlyWholeRuns()
    {
        using var cancel = new CancellationTokenSource();
        var result = MarginExperiment.Run(Blocks(100, 50), BinaryClasses.LowAgainstHigh, Plan(), cancel: cancel.Token,
            trained: (_, _, _) => cancel.Cancel());
        Assert.True(result.Stopped);
        Assert.Single(result.Runs);
    }

    [Fact]
    public void SummaryIsMeanAndSampleStandardDeviation()
    {
        MarginRunResult Run(double accuracy) => new(MarginLossKind.Hinge, 0.01, 0, 0, 8, accuracy, 1, 0, 1, TimeSpan.FromSeconds(2));
        var s = MarginCellSummary.Of([Run(0.6), Run(0.7), Run(0.8)]);
        Assert.Equal(0.7, s.MeanAccuracy, 12);
        Assert.Equal(0.1, s.StdAccuracy, 12);
        Assert.Equal(0, MarginCellSummary.Of([Run(0.6)]).StdAccuracy);
    }

    [Fact]
    public void CsvAndPlotAreWritten()
    {
        var result = MarginExperiment.Run(Blocks(100, 50), BinaryClasses.LowAgainstHigh, Plan(runs: 2) with { Training = Plan().Training with { Epochs = 5 } });
        var csv = ExperimentCsv.Summary(result).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ExperimentCsv.SummaryHeader, csv[0]);
        Assert.Equal(7, csv.Length);
        Assert.StartsWith("0.1,10%,10,geometric-svm,2,", csv[1]);
        Assert.Equal(13, ExperimentCsv.Runs(result).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var png = Path.Combine(Path.GetTempPath(), $"nlset-plot-{Guid.NewGuid():N}.png");
        try
        {
            AccuracyPlot.Save(result, png, "blocks");
            var bytes = File.ReadAllBytes(png);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            Assert.True(bytes.Length > 10_000, $"a {bytes.Length}-byte PNG is too small to hold the plot");
        }
        finally { File.Delete(png); }
    }

    [Fact]
    public void ClassesWithoutExamplesAreRefused()
    {
        var data = Blocks(50, 20);
        var onlyLow = new DatasetSplit(BinaryClasses.Parse("0,1:2").Keep(data.Train), data.Test);
        Assert.Throws<Nlset.Geometry.InvalidInputException>(() =>
            MarginExperiment.Run(onlyLow, BinaryClasses.Parse("7:8"), Plan(runs: 1)));
    }
}
