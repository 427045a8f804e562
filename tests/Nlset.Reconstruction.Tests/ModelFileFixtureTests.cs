using System.Security.Cryptography;
using Nlset.Core;
using Nlset.Geometry;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Reconstruction.Tests;

/// <summary>
/// Network files written by the code before the shared model-file container (commit a2e6fe8, Fixtures/ModelFiles):
/// they still load, to the same network, metadata and training state, and saving them again gives the same bytes.
/// The expected values were printed by that code reading the same files.
/// </summary>
public sealed class ModelFileFixtureTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nlset-fixtures-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "ModelFiles", name);

    static readonly float[] Points = [0.1f, -0.2f, 0.3f, 0.5f, 0.5f, 0.5f, -0.4f, 0.0f, 0.25f];

    static double[] Outputs(ImplicitNetwork network)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return network.call(tensor(Points, [3, 3])).to(float64).data<double>().ToArray();
    }

    static double Checksum(nn.Module module) => module.parameters().Sum(p =>
    {
        using var abs = p.to(float64).abs();
        using var sum = abs.sum();
        return sum.item<double>();
    });

    public static TheoryData<string, string, double, double[], double[], double, int> Networks => new()
    {
        {
            "surface-model-v2.nlnet", "2x8,relu,in=3,out=1,r=0.9", 32.349844789889175,
            [-0.6637066602706909, -0.5180532932281494, 0.0631985068321228],
            [-0.0003563358269259853, -0.0016898493699136208, 0.00019452923979285108], 1.0012907438642737, 30
        },
        {
            "curve-model-v2.nlnet", "2x8,relu,in=3,out=2,r=0.4", 35.286595669807866,
            [-0.305595338344574, 0.08816090226173401, -0.03815743327140808, 0.28512391448020935, 0.01475486159324646, 0.08539785444736481],
            [-0.015326828274955906, -0.4566594094480463, 0.020606412016262676], 0.17648050798207968, 30
        },
        {
            "surface-checkpoint-v3.nlnet", "2x8,relu,in=3,out=1,r=1", 34.85125866276212,
            [-0.3984006643295288, 0.1583983302116394, -0.13413119316101074],
            [0.25, -0.5, 1], 2.5, 4
        },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void AFileOfTheEarlierCodeLoadsToTheSameModel(string name, string spec, double checksum, double[] outputs,
        double[] center, double scale, int iterations)
    {
        var model = ReconstructionModel.Load(Fixture(name));
        using var network = model.Network;
        Assert.Equal(spec, network.Spec.ToString());
        Assert.Equal(checksum, Checksum(network), 1e-9);
        var actual = Outputs(network);
        Assert.Equal(outputs.Length, actual.Length);
        for (int i = 0; i < outputs.Length; i++) Assert.Equal(outputs[i], actual[i], 1e-7);
        Assert.Equal(new Vector3d(center[0], center[1], center[2]), model.Normalization.Center);
        Assert.Equal(scale, model.Normalization.Scale);
        Assert.Equal(iterations, (int)model.Settings!["iterations"]!);
    }

    [Fact]
    public void ACheckpointOfTheEarlierCodeKeepsItsTrainingState()
    {
        var model = ReconstructionModel.Load(Fixture("surface-checkpoint-v3.nlnet"));
        model.Network.Dispose();
        var state = model.TrainingState!;
        Assert.Equal(6479, state.Length);
        Assert.Equal("4F524774BA7C83C20851708A7D8857CDD156E2AC9508A8A9AC29FF15DEC1EEDB", Convert.ToHexString(SHA256.HashData(state)));
        using var read = TrainingState.Read(state, "checkpoint");
        Assert.Equal(4, read.Iteration);
        Assert.Equal("sphere.ply", model.Source);
        // A finished model has no training state.
        var finished = ReconstructionModel.Load(Fixture("surface-model-v2.nlnet"));
        finished.Network.Dispose();
        Assert.Null(finished.TrainingState);
    }

    [Theory]
    [InlineData("surface-model-v2.nlnet", 2)]
    [InlineData("curve-model-v2.nlnet", 2)]
    [InlineData("surface-checkpoint-v3.nlnet", 3)]
    public void SavingAFileOfTheEarlierCodeAgainGivesItsBytes(string name, int version)
    {
        var original = File.ReadAllBytes(Fixture(name));
        Assert.Equal(version, BitConverter.ToInt32(original, 8));
        using var network = ImplicitNetworkFile.Load(Fixture(name), out var metadata, out var state);
        var again = Path.Combine(_dir, name);
        ImplicitNetworkFile.Save(network, again, metadata, state);
        Assert.Equal(original, File.ReadAllBytes(again));
    }

    [Fact]
    public void DamagedCopiesOfTheFilesAreOneKindOfErrorNamingTheFile()
    {
        var bytes = File.ReadAllBytes(Fixture("surface-checkpoint-v3.nlnet"));
        var path = Path.Combine(_dir, "damaged.nlnet");

        // Cut in the header, in the weights (the 6479 bytes of training state and their int64 length come last), and in
        // the training state.
        const int stateBytes = 6479 + 8;
        foreach (var (length, expected) in new[]
                 {
                     (30, "header: truncated or corrupt"), (bytes.Length - stateBytes - 20, "weights: truncated"),
                     (bytes.Length - 10, "weights: do not match the network 2x8,relu,in=3,out=1,r=1: the training state should take 6479 bytes, 6469 are left"),
                 })
        {
            File.WriteAllBytes(path, bytes[..length]);
            var error = Assert.Throws<ModelFileException>(() => ReconstructionModel.Load(path));
            Assert.StartsWith($"{path}: {expected}", error.Message);
        }

        var foreign = bytes.ToArray();
        "NLSETCLS"u8.ToArray().CopyTo(foreign, 0);
        File.WriteAllBytes(path, foreign);
        Assert.Equal($"{path}: not an nlset network file (it does not start with \"NLSETNET\")",
            Assert.Throws<ModelFileException>(() => ReconstructionModel.Load(path)).Message);

        var future = bytes.ToArray();
        BitConverter.GetBytes(4).CopyTo(future, 8);
        File.WriteAllBytes(path, future);
        Assert.Equal($"{path}: header: format version 4 is not supported (this build reads 1 to 3)",
            Assert.Throws<ModelFileException>(() => ReconstructionModel.Load(path)).Message);
    }
}
