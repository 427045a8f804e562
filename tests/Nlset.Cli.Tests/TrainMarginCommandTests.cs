using System.IO.Compression;
using System.Text.Json;
using Nlset.Classification.Models;
using Nlset.Classification.Tests;
using TorchSharp;

namespace Nlset.Cli.Tests;

/// <summary>train-margin end to end, in-process, on a tiny generated dataset in the real file formats (seconds).</summary>
[Collection(TorchCollection.Name)]
public sealed class TrainMarginCommandTests() : TestFolder("nlset-margin-")
{
    /// <summary>
    /// One images/labels pair like ../shared/data/mnist-10k, of n 8 × 8 images: label l lights a 2 × 2 block at one of ten
    /// places over noise, so 0–4 against 5–9 is learnable from a few examples.
    /// </summary>
    string BlocksPair(int n, string folder = "blocks")
    {
        var random = new Random(3);
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
        var dir = P(folder);
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "images-idx3-ubyte.gz"), TinyDatasetFiles.Gzip(TinyDatasetFiles.Idx([n, 8, 8], pixels)));
        File.WriteAllBytes(Path.Combine(dir, "labels-idx1-ubyte.gz"), TinyDatasetFiles.Gzip(TinyDatasetFiles.Idx([n], labels)));
        return dir;
    }

    static readonly string[] Quick = ["--epochs", "25", "--learning-rate", "0.01", "--device", "cpu", "--no-download"];

    [Fact]
    public void PlotsWriteOneEpochPlotPerFraction()
    {
        var data = BlocksPair(200);
        var run = CliRun.Of(["train-margin", "--data-dir", data, "--test-split", "50", "--fractions", "20%,40%", "--compare", "--runs", "1",
            "--output-dir", Dir, "--plots", P("plots"), "--json", .. Quick]);
        Assert.True(run.ExitCode == 0, run.Err);
        using var doc = JsonDocument.Parse(run.Out);
        var plots = doc.RootElement.GetProperty("epochPlots").EnumerateArray().Select(p => p.GetString()!).ToArray();
        Assert.Equal([Path.Combine(P("plots"), "margin-mnist-20pct-epochs.png"), Path.Combine(P("plots"), "margin-mnist-40pct-epochs.png")], plots);
        foreach (var plot in plots) PngAssert.IsPng(plot, 820, 800);
        // Without --plots no epoch histories are recorded and no plots are written.
        var plain = CliRun.Of(["train-margin", "--data-dir", data, "--test-split", "50", "--fraction", "20%", "--runs", "1", "--json", .. Quick]);
        using var plainDoc = JsonDocument.Parse(plain.Out);
        Assert.Equal(JsonValueKind.Null, plainDoc.RootElement.GetProperty("epochPlots").ValueKind);
    }

    [Fact]
    public void CompareTrainsTheThreeLossesOnTheSameSubsetsAndReportsJson()
    {
        var data = BlocksPair(300);
        var run = CliRun.Of(["train-margin", "--data-dir", data, "--test-split", "100", "--fraction", "40%", "--compare", "--runs", "2", "--json", .. Quick]);
        Assert.True(run.ExitCode == 0, run.Err);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.Equal(200, root.GetProperty("trainImages").GetInt32());
        Assert.Equal(100, root.GetProperty("testImages").GetInt32());
        Assert.Equal("mlp,in=1x8x8,hidden=128x128", root.GetProperty("model").GetString());
        var summary = root.GetProperty("summary").EnumerateArray().ToArray();
        Assert.Equal(["geometric-svm", "cross-entropy", "hinge"], summary.Select(s => s.GetProperty("loss").GetString()));
        foreach (var s in summary)
        {
            Assert.Equal(80, s.GetProperty("trainExamples").GetInt32());
            Assert.True(s.GetProperty("testAccuracyMean").GetDouble() > 0.9, s.ToString());
        }
        var results = root.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(6, results.Length);
        Assert.Equal([0, 0, 0, 1, 1, 1], results.Select(r => r.GetProperty("seed").GetInt32()));
    }

    [Fact]
    public void TableShowsMeanAndStdPerLoss()
    {
        var data = BlocksPair(150);
        var run = CliRun.Of(["train-margin", "--data-dir", data, "--test-split", "50", "--fraction", "0.2", "--loss", "hinge", "--runs", "3", .. Quick]);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("mean ± std over 3 runs", run.Out);
        Assert.Matches(@"20%\s+20\s+hinge\s+\d+\.\d\d ± \d+\.\d\d %", run.Out);
        Assert.DoesNotContain("INF", run.Out);                     // logs go to stderr
        Assert.Contains("INF", run.Err);
    }

    [Fact]
    public void SweepWritesCsvAndPlot()
    {
        var data = BlocksPair(200);
        var outDir = Directory.CreateDirectory(P("out")).FullName;
        var run = CliRun.Of(["train-margin", "--data-dir", data, "--test-split", "100", "--fractions", "10%,30%", "--compare", "--runs", "2",
            "--output-dir", outDir, .. Quick]);
        Assert.True(run.ExitCode == 0, run.Err);
        var csv = File.ReadAllLines(Path.Combine(outDir, "margin-mnist.csv"));
        Assert.Equal(7, csv.Length);                                     // header + 2 fractions × 3 losses
        Assert.StartsWith("0.1,10%,10,geometric-svm,2,", csv[1]);
        Assert.Equal(13, File.ReadAllLines(Path.Combine(outDir, "margin-mnist-runs.csv")).Length);
        var png = File.ReadAllBytes(Path.Combine(outDir, "margin-mnist.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }

    [Fact]
    public void SaveModelKeepsTheTrainedNetworkWithItsSettings()
    {
        var data = BlocksPair(150);
        var model = P("one.nlcls");
        var run = CliRun.Of(["train-margin", "--data-dir", data, "--test-split", "50", "--fraction", "50%", "--runs", "1", "--save-model", model, "--json", .. Quick]);
        Assert.True(run.ExitCode == 0, run.Err);
        var (network, spec, metadata) = ClassifierFile.Load(model);
        using var _ = network;
        Assert.Equal("mlp,in=1x8x8,hidden=128x128", spec.ToString());
        using var meta = JsonDocument.Parse(metadata);
        Assert.Equal("geometric-svm", meta.RootElement.GetProperty("settings").GetProperty("loss").GetString());
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal(doc.RootElement.GetProperty("results")[0].GetProperty("testAccuracy").GetDouble(), meta.RootElement.GetProperty("testAccuracy").GetDouble());

        var folder = P("models");
        run = CliRun.Of(["train-margin", "--data-dir", data, "--test-split", "50", "--fraction", "50%", "--runs", "2", "--save-model", folder, .. Quick]);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Equal(["geometric-svm-50pct-run01.nlcls", "geometric-svm-50pct-run02.nlcls"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void TruncatedImagesFileIsOneLineBadInput()
    {
        var data = BlocksPair(50);
        var images = Path.Combine(data, "images-idx3-ubyte.gz");
        using (var raw = new MemoryStream())
        {
            using (var gz = new GZipStream(File.OpenRead(images), CompressionMode.Decompress)) gz.CopyTo(raw);
            File.WriteAllBytes(images, raw.ToArray()[..^30]);
        }
        CliRun.Of(["train-margin", "--data-dir", data, "--test-split", "10", .. Quick]).AssertBadInput("images-idx3-ubyte.gz", "truncated");
    }

    [Fact]
    public void CorruptCifarBatchIsOneLineBadInput()
    {
        var dir = Directory.CreateDirectory(P("cifar")).FullName;
        for (var b = 1; b <= 5; b++) File.WriteAllBytes(Path.Combine(dir, $"data_batch_{b}.bin"), new byte[3073]);
        var bad = new byte[2 * 3073];
        bad[3073] = 77;
        File.WriteAllBytes(Path.Combine(dir, "test_batch.bin"), bad);
        CliRun.Of(["train-margin", "--dataset", "cifar10", "--data-dir", dir, .. Quick]).AssertBadInput("test_batch.bin", "label 77");
    }

    [Fact]
    public void MissingFilesWithoutNetworkSayWhatToPutWhere()
    {
        var empty = Directory.CreateDirectory(P("empty")).FullName;
        var run = CliRun.Of(["train-margin", "--dataset", "fashion-mnist", "--data-dir", empty, "--mirror", "http://127.0.0.1:9/", "--device", "cpu"]);
        run.AssertBadInput("train-images-idx3-ubyte[.gz]", "t10k-labels-idx1-ubyte[.gz]", Path.Combine(empty, "fashion-mnist"), "127.0.0.1:9");
    }

    [Fact]
    public void OnePairWithoutTestSplitIsBadInput() =>
        CliRun.Of(["train-margin", "--data-dir", BlocksPair(20), .. Quick]).AssertBadInput("--test-split");

    [Theory]
    [InlineData("--fraction", "5", "write 5% for per cent")]
    [InlineData("--loss", "svm", "unknown loss 'svm'")]
    [InlineData("--classes", "0,1", "two groups")]
    [InlineData("--model", "resnet", "expected mlp or cnn")]
    [InlineData("--runs", "0", "--runs must be at least 1")]
    [InlineData("--mirror", "ftp://x/", "not an http(s) URL")]
    [InlineData("--dataset", "imagenet", "unknown dataset")]
    public void BadOptionsAreOneLineBadInput(string option, string value, string message) =>
        CliRun.Of(["train-margin", "--data-dir", Dir, option, value, .. Quick]).AssertBadInput(message);

    /// <summary>Issue 13: several trainings keep a journal of the finished ones in --output-dir, gone after a finished run.</summary>
    [Fact]
    public void ASweepThatFailsIsContinuedWithResumeToTheSameResults()
    {
        var data = BlocksPair(200);
        string[] sweep = ["train-margin", "--data-dir", data, "--test-split", "50", "--fractions", "20%,40%", "--runs", "2", "--output-dir", Dir, .. Quick];
        var whole = CliRun.Of(sweep);
        Assert.True(whole.ExitCode == 0, whole.Err);
        Assert.Empty(Directory.GetFiles(Dir, ".margin-*"));
        static string Results(string runsCsv) => string.Join("\n", File.ReadAllLines(runsCsv).Select(l => l[..l.LastIndexOf(',')]));   // all but the seconds
        var expected = Results(P("margin-mnist-runs.csv"));

        Nlset.Cli.Commands.TrainMarginCommand.FaultAfterTraining = 3;
        CliRun failed;
        try { failed = CliRun.Of(sweep); }
        finally { Nlset.Cli.Commands.TrainMarginCommand.FaultAfterTraining = null; }
        Assert.Equal(1, failed.ExitCode);
        var journal = Assert.Single(Directory.GetFiles(Dir, ".margin-*"));
        var line = Assert.Single(failed.Err.Split('\n'), l => l.StartsWith("nlset:"));
        Assert.Contains($"the 3 finished trainings are kept in {journal}", line);   // the third was recorded before its model was handed on
        Assert.Contains("--resume", line);

        CliRun.Of(sweep).AssertBadInput(journal, "--resume");
        var resumed = CliRun.Of([.. sweep, "--resume"]);
        Assert.True(resumed.ExitCode == 0, resumed.Err);
        Assert.Contains("3 of 4 trainings finished", resumed.Err);
        Assert.Equal(expected, Results(P("margin-mnist-runs.csv")));
        Assert.Empty(Directory.GetFiles(Dir, ".margin-*"));

        CliRun.Of([.. sweep, "--resume"]).AssertBadInput("no journal");
        CliRun.Of(["train-margin", "--data-dir", data, "--test-split", "50", "--fraction", "20%", "--runs", "1", "--resume", .. Quick])
            .AssertBadInput("--resume");
    }
}
