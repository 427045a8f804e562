using System.Text.Json;
using Nlset.Classification.Models;
using Nlset.Classification.Tests;
using TorchSharp;
using TorchSharp.PyBridge;

namespace Nlset.Cli.Tests;

/// <summary>train-robust and eval-robust end to end, in-process, on tiny generated datasets in the real file formats (seconds).</summary>
[Collection(TorchCollection.Name)]
public sealed class RobustCommandTests() : TestFolder("nlset-robust-cli-")
{
    /// <summary>n 28 × 28 digits-like images (a 4 × 4 block placed by the label, over noise) as one images/labels pair like mnist-10k.</summary>
    string MnistLike(int n)
    {
        var random = new Random(5);
        var pixels = new byte[n * 784];
        var labels = new byte[n];
        for (var i = 0; i < n; i++)
        {
            var label = random.Next(10);
            labels[i] = (byte)label;
            for (var p = 0; p < 784; p++) pixels[i * 784 + p] = (byte)random.Next(40);
            int row = 4 + 10 * (label / 5), col = 3 + 5 * (label % 5);
            for (var r = 0; r < 4; r++)
                for (var c = 0; c < 4; c++) pixels[i * 784 + (row + r) * 28 + col + c] = 255;
        }
        var dir = P("mnist");
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "images-idx3-ubyte"), TinyDatasetFiles.Idx([n, 28, 28], pixels));
        File.WriteAllBytes(Path.Combine(dir, "labels-idx1-ubyte"), TinyDatasetFiles.Idx([n], labels));
        return dir;
    }

    /// <summary>CIFAR-10's binary batches with <paramref name="perBatch"/> records each: label byte then 3072 pixel bytes.</summary>
    string CifarLike(int perBatch)
    {
        var dir = P("cifar");
        Directory.CreateDirectory(dir);
        var random = new Random(6);
        foreach (var name in new[] { "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin" })
        {
            var bytes = new byte[perBatch * 3073];
            random.NextBytes(bytes);
            for (var i = 0; i < perBatch; i++) bytes[i * 3073] = (byte)random.Next(10);
            File.WriteAllBytes(Path.Combine(dir, name), bytes);
        }
        return dir;
    }

    static readonly string[] Quick = ["--pgd-steps", "2", "--batch-size", "16", "--no-download", "--device", "cpu"];

    [Fact]
    public void TrainsWithCheckpointsPlotsAndJsonThenEvaluates()
    {
        var data = MnistLike(48);
        var model = P("ours.pt");
        var run = CliRun.Of(["train-robust", .. Quick, "--data-dir", data, "--test-split", "16", "--method", "ours", "--epochs", "2",
            "--validation", "8", "--wrong-without-boundary", "newton", "-o", model, "--plots", Dir, "--json"]);
        Assert.True(run.ExitCode == 0, run.Err);
        using var report = JsonDocument.Parse(run.Out);
        var history = report.RootElement.GetProperty("history");
        Assert.Equal(2, history.GetArrayLength());
        Assert.Equal(2, report.RootElement.GetProperty("epochsDone").GetInt32());
        Assert.Equal("newtonProjection", report.RootElement.GetProperty("settings").GetProperty("levelSet").GetProperty("wrongWithoutBoundary").GetString());
        Assert.True(history[1].GetProperty("validationRobust").GetDouble() <= history[1].GetProperty("validationClean").GetDouble());
        foreach (var epoch in history.EnumerateArray())
        {
            var counts = epoch.GetProperty("predictedPerClass").EnumerateArray().Select(c => c.GetInt64()).ToArray();
            Assert.Equal(10, counts.Length);                          // one count per class, for the 32 training images
            Assert.Equal(32, counts.Sum());
        }
        Assert.Contains("predicted per class", run.Err);
        Assert.True(File.Exists(model));
        Assert.True(new FileInfo(P("ours-accuracy.png")).Length > 1000);
        Assert.True(new FileInfo(P("ours-loss.png")).Length > 1000);
        Assert.Contains("epoch 2/2", run.Err);
        Assert.False(File.Exists(model + ".partial"));

        var eval = CliRun.Of("eval-robust", model, "--steps", "3", "--json");
        Assert.True(eval.ExitCode == 0, eval.Err);
        using var result = JsonDocument.Parse(eval.Out);
        Assert.Equal(16, result.RootElement.GetProperty("images").GetInt32());
        var clean = result.RootElement.GetProperty("cleanAccuracy").GetDouble();
        var attacks = result.RootElement.GetProperty("attacks");
        Assert.Equal(["xent", "margin"], attacks.EnumerateArray().Select(a => a.GetProperty("loss").GetString()));
        Assert.All(attacks.EnumerateArray(), a => Assert.True(a.GetProperty("robustAccuracy").GetDouble() <= clean));

        var table = CliRun.Of("eval-robust", model, "--steps", "1", "--loss", "margin");
        Assert.True(table.ExitCode == 0, table.Err);
        Assert.Contains("none (clean)", table.Out);
        Assert.Contains("PGD-1 margin ε 0.3", table.Out);
    }

    [Fact]
    public void EpsRampStartsSmallAndReachesEpsTrain()
    {
        var data = MnistLike(32);
        var run = CliRun.Of(["train-robust", .. Quick, "--data-dir", data, "--test-split", "8", "--method", "ours", "--epochs", "1",
            "--validation", "0", "--eps-ramp", "3", "--eps-train", "0.3", "-o", P("ramp.pt"), "--json"]);
        Assert.True(run.ExitCode == 0, run.Err);
        using var report = JsonDocument.Parse(run.Out);
        var levelSet = report.RootElement.GetProperty("settings").GetProperty("levelSet");
        Assert.Equal(3, levelSet.GetProperty("rampEpochs").GetInt32());
        Assert.Equal(0.001, levelSet.GetProperty("epsCorrectStart").GetDouble());
        Assert.Equal(0.3, levelSet.GetProperty("epsCorrect").GetDouble());
        Assert.Contains("ε_correct 0.001 → 0.3 over 3 epoch(s)", run.Err);
        CliRun.Of(["train-robust", .. Quick, "--data-dir", data, "--test-split", "8", "--eps-ramp", "0", "-o", P("x.pt")]).AssertBadInput("ramp");
    }

    [Fact]
    public void ResumeContinuesTheSavedRun()
    {
        var data = MnistLike(32);
        var model = P("madry.pt");
        string[] common = ["train-robust", .. Quick, "--data-dir", data, "--test-split", "16", "--method", "madry", "--validation", "0", "-o", model, "--json"];
        var first = CliRun.Of([.. common, "--epochs", "1", "--weight-decay", "2e-5"]);
        Assert.True(first.ExitCode == 0, first.Err);
        using (var firstReport = JsonDocument.Parse(first.Out))
        {
            var settings = firstReport.RootElement.GetProperty("settings");
            Assert.Equal(1e-4, settings.GetProperty("learningRate").GetDouble());   // madry's reference rate
            Assert.Equal(2e-5, settings.GetProperty("weightDecay").GetDouble());
        }
        var second = CliRun.Of([.. common, "--epochs", "2", "--resume"]);
        Assert.True(second.ExitCode == 0, second.Err);
        Assert.Contains("Resuming", second.Err);
        using var report = JsonDocument.Parse(second.Out);
        Assert.Equal(2, report.RootElement.GetProperty("history").GetArrayLength());
        Assert.Equal("madry", report.RootElement.GetProperty("method").GetString());
        Assert.Equal(2e-5, report.RootElement.GetProperty("settings").GetProperty("weightDecay").GetDouble());   // kept on --resume

        CliRun.Of(["train-robust", .. Quick, "--data-dir", data, "--test-split", "16", "-o", P("none.pt"), "--resume"])
            .AssertBadInput("--resume", "none.pt");
        CliRun.Of(["train-robust", .. Quick, "--data-dir", data, "--test-split", "16", "-o", model, "--resume", "--arch", "resnet18"])
            .AssertBadInput("holds a convnet4a, not a resnet18");
    }

    /// <summary>A PyTorch state dict (written with PyBridge) evaluates; a ConvNet-4b state dict cannot pass for a ConvNet-4a.</summary>
    [Fact]
    public void PyTorchStateDictsEvaluateAndTheWrongArchitectureIsABadInput()
    {
        var data = MnistLike(24);
        torch.manual_seed(1);
        using (var a = new ConvNet4a()) a.save_py(P("a.pth"));
        using (var b = new ConvNet4b()) b.save_py(P("b.pth"));
        var ok = CliRun.Of("eval-robust", P("a.pth"), "--data-dir", data, "--test-split", "8", "--steps", "1", "--no-download");
        Assert.True(ok.ExitCode == 0, ok.Err);
        Assert.Contains("8 test images", ok.Out);

        CliRun.Of("eval-robust", P("b.pth"), "--data-dir", data, "--test-split", "8", "--arch", "convnet4a", "--no-download")
            .AssertBadInput("b.pth", "does not fit convnet4a", "missing conv1.bias", "unexpected 0.bias");
    }

    /// <summary>A legacy-format checkpoint written by real PyTorch, cut short, and a Python pickle that is not a torch.save
    /// file: one line naming the file, exit code 2 (PyTorchFileTests covers the reader itself).</summary>
    [Fact]
    public void TruncatedOrForeignPyTorchFilesAreBadInputs()
    {
        var data = MnistLike(24);
        var legacy = File.ReadAllBytes(PyTorchFixtures.Path("tiny-legacy.pth"));
        File.WriteAllBytes(P("cut.pth"), legacy[..(legacy.Length - 100)]);
        CliRun.Of("eval-robust", P("cut.pth"), "--data-dir", data, "--test-split", "8", "--no-download")
            .AssertBadInput(P("cut.pth"), "truncated legacy-format PyTorch checkpoint");
        CliRun.Of("eval-robust", PyTorchFixtures.Path("not-torch.pth"), "--data-dir", data, "--test-split", "8", "--no-download")
            .AssertBadInput("not-torch.pth", "not a PyTorch checkpoint");
        // Complete, but the tiny network's weights are no ConvNet-4a.
        CliRun.Of("eval-robust", PyTorchFixtures.Path("tiny-legacy.pth"), "--data-dir", data, "--test-split", "8", "--no-download")
            .AssertBadInput("tiny-legacy.pth", "does not fit convnet4a", "missing conv2.bias");
    }

    /// <summary>
    /// --attack autoattack on a PyTorch state dict with small budgets: clean accuracy, one row per attack with the images it
    /// attacked (those still robust) and broke, cumulative robust accuracies that never rise, the ensemble's the last;
    /// --attack square alone; options of another attack are bad input.
    /// </summary>
    [Fact]
    public void AutoAttackEnsembleReportsEveryAttackAndTheEnsemble()
    {
        // A network that gets some test images right (a random one may get none, and then no attack runs).
        var data = MnistLike(64);
        var train = CliRun.Of(["train-robust", .. Quick, "--data-dir", data, "--test-split", "8", "--method", "xent", "--epochs", "4",
            "--validation", "0", "-o", P("xent.pt")]);
        Assert.True(train.ExitCode == 0, train.Err);
        string[] common = ["eval-robust", P("xent.pt"), "--no-download", "--iterations", "3", "--targets", "2", "--queries", "20"];
        var run = CliRun.Of([.. common, "--attack", "autoattack", "--json"]);
        Assert.True(run.ExitCode == 0, run.Err);
        using var report = JsonDocument.Parse(run.Out);
        var root = report.RootElement;
        Assert.Equal("autoattack", root.GetProperty("attack").GetString());
        Assert.Equal(0.3, root.GetProperty("epsilon").GetDouble());
        var clean = root.GetProperty("cleanAccuracy").GetDouble();
        Assert.True(clean > 0, "no image right: the attacks had nothing to attack");
        var attacks = root.GetProperty("attacks").EnumerateArray().ToArray();
        Assert.Equal(["apgd-ce", "apgd-t", "square"], attacks.Select(a => a.GetProperty("attack").GetString()));
        Assert.Equal(2, attacks[1].GetProperty("targets").GetInt32());
        Assert.Equal(20, attacks[2].GetProperty("queries").GetInt32());
        var robustBefore = (int)Math.Round(clean * 8);
        foreach (var a in attacks)
        {
            Assert.Equal(robustBefore, a.GetProperty("attacked").GetInt32());
            robustBefore -= a.GetProperty("broken").GetInt32();
            Assert.Equal(robustBefore / 8.0, a.GetProperty("robustAccuracy").GetDouble(), 12);
            Assert.True(a.GetProperty("seconds").GetDouble() >= 0);
        }
        Assert.Equal(robustBefore / 8.0, root.GetProperty("robustAccuracy").GetDouble(), 12);
        Assert.Equal(["fab-t"], root.GetProperty("notRun").EnumerateArray().Select(e => e.GetString()));

        var table = CliRun.Of("eval-robust", P("xent.pt"), "--no-download", "--attack", "square", "--queries", "10");
        Assert.True(table.ExitCode == 0, table.Err);
        Assert.Contains("Square 10 queries ε 0.3", table.Out);
        Assert.DoesNotContain("ensemble", table.Out);

        CliRun.Of([.. common, "--attack", "autoattack", "--steps", "3"]).AssertBadInput("--steps applies to --attack pgd only");
        CliRun.Of("eval-robust", P("xent.pt"), "--queries", "10").AssertBadInput("--queries applies to");
        CliRun.Of("eval-robust", P("xent.pt"), "--attack", "fab").AssertBadInput("--attack 'fab'");
        CliRun.Of("eval-robust", P("xent.pt"), "--attack", "apgd-t", "--targets", "0").AssertBadInput("--targets must be at least 1");
    }

    [Fact]
    public void BadInputsAreOneLineAndExitCodeTwo()
    {
        CliRun.Of("train-robust", "--dataset", "cifar10", "--data-dir", P("nothing"), "--no-download", "-o", P("x.pt"))
            .AssertBadInput("cifar10", "data_batch_1.bin", "not found");
        var data = MnistLike(24);
        CliRun.Of(["train-robust", .. Quick, "--data-dir", data, "--test-split", "8", "--arch", "convnet4b", "-o", P("x.pt")])
            .AssertBadInput("convnet4b takes 3x32x32 images");
        CliRun.Of("train-robust", "--method", "fgsm").AssertBadInput("unknown method 'fgsm'");
        CliRun.Of("train-robust", "--wrong-without-boundary", "maybe").AssertBadInput("--wrong-without-boundary 'maybe'");
        CliRun.Of("eval-robust", P("missing.pt")).AssertBadInput("missing.pt", "file not found");
        File.WriteAllText(P("junk.pt"), "not a model");
        CliRun.Of("eval-robust", P("junk.pt"), "--data-dir", data, "--test-split", "8", "--no-download").AssertBadInput("junk.pt", "not a PyTorch checkpoint");
        CliRun.Of("eval-robust", P("junk.pt"), "--loss", "l1").AssertBadInput("unknown attack loss 'l1'");
    }

    /// <summary>The CIFAR-10 path (which cannot be downloaded here) on tiny generated batches: ConvNet-4b with Eq. 12, ResNet-18 with madry.</summary>
    [Fact]
    public void Cifar10PathTrainsConvNet4bAndResNet18OnTinyBatches()
    {
        var data = CifarLike(4);
        var ours = CliRun.Of("train-robust", "--dataset", "cifar10", "--data-dir", data, "--no-download", "--epochs", "1", "--pgd-steps", "1",
            "--validation", "4", "-o", P("c4b.pt"), "--json");
        Assert.True(ours.ExitCode == 0, ours.Err);
        using (var report = JsonDocument.Parse(ours.Out))
        {
            Assert.Equal("convnet4b", report.RootElement.GetProperty("architecture").GetString());
            var levelSet = report.RootElement.GetProperty("settings").GetProperty("levelSet");
            Assert.Equal(11, levelSet.GetProperty("lambdaCorrect").GetDouble());
            Assert.Equal(0.05, levelSet.GetProperty("epsWrong").GetDouble());
        }
        var resnet = CliRun.Of("train-robust", "--dataset", "cifar10", "--data-dir", data, "--no-download", "--arch", "resnet18", "--method", "madry",
            "--epochs", "1", "--pgd-steps", "1", "--batch-size", "10", "--validation", "2", "-o", P("r18.pt"));
        Assert.True(resnet.ExitCode == 0, resnet.Err);
        var eval = CliRun.Of("eval-robust", P("r18.pt"), "--steps", "1", "--count", "2", "--json");
        Assert.True(eval.ExitCode == 0, eval.Err);
        using var result = JsonDocument.Parse(eval.Out);
        Assert.Equal("resnet18", result.RootElement.GetProperty("architecture").GetString());
        Assert.Equal(0.031, result.RootElement.GetProperty("attacks")[0].GetProperty("epsilon").GetDouble());
    }
}
