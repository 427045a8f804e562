using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Nlset.Classification.Models;
using Nlset.Classification.Robust;
using Nlset.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Tests.Models;

/// <summary>
/// A classifier file and a robust checkpoint written by the code before the shared model-file container (commit
/// a2e6fe8, Fixtures/ModelFiles): they still load, to the same weights, metadata and optimizer state, and saving them
/// again gives the same bytes. The expected values were printed by that code reading the same files.
/// </summary>
public sealed class ModelFileFixtureTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nlset-fixtures-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "ModelFiles", name);

    static double Checksum(nn.Module module) => module.parameters().Sum(p =>
    {
        using var abs = p.to(float64).abs();
        using var sum = abs.sum();
        return sum.item<double>();
    });

    static double[] Outputs(nn.Module<Tensor, Tensor> model, Tensor input)
    {
        using var noGrad = no_grad();
        using var output = model.call(input);
        return output.to(float64).data<double>().ToArray();
    }

    /// <summary>The checkpoint is stored gzipped: ConvNet-4a and Adam's moments take 3.7 MB, each tensor constant.</summary>
    string RobustCheckpointFile()
    {
        var path = Path.Combine(_dir, "robust-convnet4a-v2.pt");
        using var gzip = new GZipStream(File.OpenRead(Fixture("robust-convnet4a-v2.pt.gz")), CompressionMode.Decompress);
        using (var target = File.Create(path)) gzip.CopyTo(target);
        return path;
    }

    [Fact]
    public void AClassifierOfTheEarlierCodeLoadsToTheSameModel()
    {
        var (model, spec, metadata) = ClassifierFile.Load(Fixture("classifier-mlp-v1.nlcls"));
        using var owned = model;
        Assert.Equal("mlp,in=1x4x4,hidden=128x128", spec.ToString());
        Assert.Equal(1006.5716372834404, Checksum(model), 1e-9);
        using var input = full([2, 1, 4, 4], 0.25f);
        input[1].fill_(0.75f);
        var scores = Outputs(model, input);
        Assert.Equal(0.04900705814361572, scores[0], 1e-7);
        Assert.Equal(0.38767531514167786, scores[1], 1e-7);
        Assert.Equal("D3CDFA8FC014FE9C40EB8F0E2BEFBE0207752DEC3AACE55B5893575494521FD4", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(metadata))));
        Assert.StartsWith("{\"dataset\":\"mnist\",\"classes\":\"0,1,2,3,4:5,6,7,8,9\"", metadata);
    }

    [Fact]
    public void SavingTheClassifierAgainGivesItsBytes()
    {
        var (model, spec, metadata) = ClassifierFile.Load(Fixture("classifier-mlp-v1.nlcls"));
        using var owned = model;
        var again = Path.Combine(_dir, "again.nlcls");
        ClassifierFile.Save(model, spec, again, metadata);
        Assert.Equal(File.ReadAllBytes(Fixture("classifier-mlp-v1.nlcls")), File.ReadAllBytes(again));
    }

    [Fact]
    public void ARobustCheckpointOfTheEarlierCodeLoadsWithItsRunAndOptimizer()
    {
        var path = RobustCheckpointFile();
        TorchSharp.Modules.OptimizerHelper? adam = null;
        var (model, info) = RobustCheckpoint.LoadWith(path, null, m => adam = optim.Adam(m.parameters(), lr: 1e-3), out _);
        using var owned = model;
        Assert.Equal(RobustArchitecture.ConvNet4a, info.Architecture);
        Assert.Equal("mnist", info.Dataset);
        Assert.Equal(1, info.EpochsDone);
        Assert.True(info.StoppedMidEpoch);
        Assert.Equal(3, info.Settings.Epochs);
        Assert.Equal(RobustMethod.Ours, info.Settings.Method);
        Assert.Equal(1e-3, info.Settings.LearningRate);
        var epoch = Assert.Single(info.History);
        Assert.Equal((1, 0.75, 0.5, 0.25, 12.5, 0.125), (epoch.Epoch, epoch.Loss, epoch.TrainAccuracy, epoch.ValidationClean, epoch.Seconds, epoch.BoundarySampleShare));
        Assert.True(double.IsNaN(epoch.ValidationRobust));
        Assert.Equal("1 2 3 4 5 6 7 8 9 10", epoch.PredictedPerClassText);
        Assert.Equal("{\"testSplit\":9900}", info.Extra!.ToJsonString());

        Assert.Equal(26618.72217273712, Checksum(model), 1e-6);
        using var input = full([1, 1, 28, 28], 0.1f);
        var logits = Outputs(model, input);
        Assert.Equal(10, logits.Length);
        Assert.Equal(-60.0692253112793, logits[0], 1e-4);

        // Adam's state came back whole: written out again it is the bytes the earlier code wrote out after loading it.
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true)) adam!.save_state_dict(writer);
        Assert.Equal(2497927, memory.Length);
        Assert.Equal("93D5AB278BE784F62C05776862E82BB82C823B9ECB7E9C835EBB99695EC8F0F2", Convert.ToHexString(SHA256.HashData(memory.ToArray())));
    }

    [Fact]
    public void SavingTheRobustCheckpointAgainGivesItsBytes()
    {
        var path = RobustCheckpointFile();
        TorchSharp.Modules.OptimizerHelper? adam = null;
        var (model, info) = RobustCheckpoint.LoadWith(path, null, m => adam = optim.Adam(m.parameters(), lr: 1e-3), out _);
        using var owned = model;
        var again = Path.Combine(_dir, "again.pt");
        RobustCheckpoint.Save(again, model, adam, info);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(again));
    }

    [Fact]
    public void DamagedCopiesAreOneKindOfErrorNamingTheFile()
    {
        var bytes = File.ReadAllBytes(Fixture("classifier-mlp-v1.nlcls"));
        var path = Path.Combine(_dir, "damaged.nlcls");
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);
        Assert.Equal($"{path}: weights: truncated: the file ends inside the weights",
            Assert.Throws<ModelFileException>(() => ClassifierFile.Load(path)).Message);
        var future = bytes.ToArray();
        BitConverter.GetBytes(2).CopyTo(future, 8);
        File.WriteAllBytes(path, future);
        Assert.Equal($"{path}: header: format version 2 is not supported (this build reads 1)",
            Assert.Throws<ModelFileException>(() => ClassifierFile.Load(path)).Message);

        var robust = File.ReadAllBytes(RobustCheckpointFile());
        var checkpoint = Path.Combine(_dir, "damaged.pt");
        File.WriteAllBytes(checkpoint, robust[..(robust.Length / 4)]);
        Assert.Equal($"{checkpoint}: weights: truncated: the file ends inside the weights",
            Assert.Throws<ModelFileException>(() => RobustCheckpoint.Load(checkpoint)).Message);
        BitConverter.GetBytes(3).CopyTo(robust, 8);
        File.WriteAllBytes(checkpoint, robust);
        Assert.Equal($"{checkpoint}: header: format version 3 is not supported (this build reads 1 and 2)",
            Assert.Throws<ModelFileException>(() => RobustCheckpoint.ReadInfo(checkpoint)).Message);
        File.WriteAllBytes(checkpoint, bytes);
        Assert.Equal($"{checkpoint}: not an nlset robust checkpoint (it does not start with \"NLSETROB\")",
            Assert.Throws<ModelFileException>(() => RobustCheckpoint.Load(checkpoint)).Message);
    }
}
