using System.Text.Json;
using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;
using Nlset.Reconstruction;

namespace Nlset.Cli.Tests;

/// <summary>reconstruct --normals-out and normals MODEL CLOUD, in-process, on tiny settings.</summary>
[Collection(TorchCollection.Name)]
public sealed class NormalsCommandTests() : TestFolder("nlset-normals-")
{
    // Starts from the sphere the cloud samples (normalised radius 0.5), so 40 steps give a sphere.
    static readonly string[] Tiny = ["--iterations", "40", "--network", "2x32,r=0.5", "--batch-size", "256", "--resolution", "24", "--device", "cpu", "--threads", "1"];

    /// <summary>A sphere of radius 3 around (10, 0, −5), in its own coordinates.</summary>
    static readonly Vector3d Centre = new(10, 0, -5);

    string OffCentreSphereCloud() => Write("sphere.xyz", TestMeshes.SphereCloud(Centre));

    static void AssertOutward(Mesh cloud)
    {
        Assert.NotNull(cloud.Normals);
        for (int i = 0; i < cloud.VertexCount; i++)
        {
            var radial = cloud.Vertices[i] - Centre;
            Assert.InRange(cloud.Normals![i].Length, 1 - 1e-6, 1 + 1e-6);
            Assert.True(Vector3d.Dot(radial, cloud.Normals[i]) / radial.Length > 0.5, $"point {i}: normal {cloud.Normals[i]} at {cloud.Vertices[i]}");
        }
    }

    [Fact]
    public void ReconstructWritesOutwardNormalsAndTheSavedModelGivesTheSame()
    {
        var input = OffCentreSphereCloud();
        var run = CliRun.Of(["reconstruct", input, "--normals-out", P("oriented.ply"), "--save-model", P("m.nlnet"), "--json", .. Tiny]);
        Assert.True(run.ExitCode == 0, run.Err);
        using (var json = JsonDocument.Parse(run.Out))
        {
            var normals = json.RootElement.GetProperty("normals");
            Assert.Equal(P("oriented.ply"), normals.GetProperty("output").GetString());
            Assert.Equal(1500, normals.GetProperty("points").GetInt32());
            Assert.Equal(0, normals.GetProperty("filledFromNeighbours").GetInt32());
            Assert.Equal(0.0, normals.GetProperty("filledShare").GetDouble());
        }
        Assert.Contains("outward normals", run.Err);
        var oriented = GeometryFiles.Read(P("oriented.ply"));
        // The input's points, in its order and coordinates.
        Assert.Equal(GeometryFiles.Read(input).Vertices, oriented.Vertices);
        AssertOutward(oriented);

        var again = CliRun.Of("normals", P("m.nlnet"), input, "-o", P("again.xyz"), "--json", "--device", "cpu", "--threads", "1");
        Assert.True(again.ExitCode == 0, again.Err);
        using (var json = JsonDocument.Parse(again.Out))
            Assert.Equal(1500, json.RootElement.GetProperty("normals").GetProperty("points").GetInt32());
        var fromModel = GeometryFiles.Read(P("again.xyz"));
        for (int i = 0; i < oriented.VertexCount; i++)
            Assert.True((fromModel.Normals![i] - oriented.Normals![i]).Length < 1e-5, $"point {i}");

        // Without -o: CLOUD.oriented.ply beside the cloud; the path is the result on stdout.
        var byDefault = CliRun.Of("normals", P("m.nlnet"), input, "--device", "cpu", "--threads", "1");
        Assert.True(byDefault.ExitCode == 0, byDefault.Err);
        Assert.Equal(P("sphere.oriented.ply"), byDefault.Out.Trim());
        Assert.True(File.Exists(P("sphere.oriented.ply")));
    }

    [Fact]
    public void ACloudFarFromTheModelsBoxIsWarnedAbout()
    {
        var input = OffCentreSphereCloud();
        Assert.Equal(0, CliRun.Of(["reconstruct", input, "--save-model", P("m.nlnet"), "-o", P("r.ply"), .. Tiny]).ExitCode);
        GeometryFiles.Write(P("far.xyz"), SurfaceSampler.SamplePointCloud(Icosphere.Create(3, radius: 3, center: new Vector3d(100, 0, 0)), 200, seed: 1));
        var run = CliRun.Of("normals", P("m.nlnet"), P("far.xyz"), "-o", P("far.ply"), "--device", "cpu", "--threads", "1");
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("200 of 200 points lie outside the box", run.Err);
    }

    [Fact]
    public void BadInputsOfNormalsAreOneLineAndFoundBeforeWork()
    {
        var input = OffCentreSphereCloud();
        Seeding.Apply(1);
        using (var surface = new ImplicitNetwork(NetworkSpec.Parse("2x16,r=0.5")))
            ReconstructionModel.Save(P("s.nlnet"), surface, Normalization.FitUnitBox(GeometryFiles.Read(input).Vertices), input, null);
        using (var curve = new ImplicitNetwork(NetworkSpec.Parse("2x16,out=2")))
            ReconstructionModel.Save(P("c.nlnet"), curve, Normalization.Identity, null, null);

        CliRun.Of("normals", P("c.nlnet"), input, "-o", P("o.ply")).AssertBadInput("c.nlnet", "curve model");
        CliRun.Of("normals", P("missing.nlnet"), input, "-o", P("o.ply")).AssertBadInput("missing.nlnet");
        CliRun.Of("normals", P("s.nlnet"), P("missing.xyz"), "-o", P("o.ply")).AssertBadInput("missing.xyz");
        CliRun.Of("normals", P("s.nlnet"), input, "-o", P("o.stl")).AssertBadInput("o.stl", ".ply");
        CliRun.Of("normals", P("s.nlnet"), input, "-o", input).AssertBadInput("is also the input");
        CliRun.Of("normals", P("s.nlnet"), input, "-o", P("no-such-folder/o.ply")).AssertBadInput("does not exist");
        CliRun.Of("normals", P("s.nlnet"), input, "-o", P("o.ply"), "--threads", "0").AssertBadInput("--threads");
        File.WriteAllText(P("two.xyz"), "1 2 3\n4 5 6\n");
        CliRun.Of("normals", P("s.nlnet"), P("two.xyz"), "-o", P("o.ply")).AssertBadInput("two.xyz", "2 points");
        Assert.False(File.Exists(P("o.ply")));
    }

    [Fact]
    public void BadNormalsOutputsOfReconstructAreRefusedBeforeTraining()
    {
        var input = OffCentreSphereCloud();
        CliRun.Of(["reconstruct", input, "--normals-out", P("n.stl"), .. Tiny]).AssertBadInput("--normals-out", ".ply");
        CliRun.Of(["reconstruct", input, "--normals-out", input, .. Tiny]).AssertBadInput("is also the input");
        CliRun.Of(["reconstruct", input, "-o", P("same.ply"), "--normals-out", P("same.ply"), .. Tiny]).AssertBadInput("--normals-out", "-o");
        CliRun.Of(["reconstruct", input, "--curve", "--normals-out", P("n.ply"), .. Tiny]).AssertBadInput("--normals-out", "curve");
        Assert.False(File.Exists(P("sphere.recon.ply")));
        Assert.False(File.Exists(P("same.ply")));
    }
}
