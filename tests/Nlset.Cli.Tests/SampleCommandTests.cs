using System.Text.Json;
using Nlset.Geometry;
using Nlset.Geometry.IO;

namespace Nlset.Cli.Tests;

public sealed class SampleCommandTests() : TestFolder("nlset-sample-")
{
    CliRun Sample(string mesh, string output, params string[] options) => CliRun.Of(["sample", mesh, "-o", P(output), .. options]);

    [Fact]
    public void NormalisedSamplesFillTheUnitBoxCentred()
    {
        var box = Write("box.off", TestMeshes.OffsetBox());
        var run = Sample(box, "cloud.ply", "-n", "2000", "--normalize", "--seed", "7");
        Assert.Equal(0, run.ExitCode);

        var info = CliRun.Of("info", P("cloud.ply"), "--json");
        Assert.Equal(0, info.ExitCode);
        using var doc = JsonDocument.Parse(info.Out);
        var root = doc.RootElement;
        Assert.Equal(2000, root.GetProperty("vertices").GetInt32());
        Assert.Equal(0, root.GetProperty("triangles").GetInt32());
        Assert.False(root.GetProperty("normals").GetBoolean());
        var bounds = root.GetProperty("bounds");
        double[] expectedMax = [0.5, 0.25, 0.125];
        for (int axis = 0; axis < 3; axis++)
        {
            // Every face is hit and samples keep a face's constant coordinate exactly: the cloud's box is the normalised box.
            Assert.Equal(-expectedMax[axis], bounds.GetProperty("min")[axis].GetDouble(), 1e-9);
            Assert.Equal(expectedMax[axis], bounds.GetProperty("max")[axis].GetDouble(), 1e-9);
        }
        Assert.Equal(1.0, bounds.GetProperty("size")[0].GetDouble(), 1e-9);
    }

    [Fact]
    public void HeaderRecordsTheSourceAndTheTransform()
    {
        var box = Write("box.off", TestMeshes.OffsetBox());
        Assert.Equal(0, Sample(box, "cloud.ply", "-n", "10", "--normalize", "--seed", "3", "--noise", "0.01").ExitCode);
        var comments = GeometryFiles.Read(P("cloud.ply")).Comments;
        Assert.Equal(
        [
            "nlset sample: 10 points from box.off, uniform by area, seed 3, Gaussian noise sigma 0.01",
            "nlset sample: normalized: centre (4, -0.5, 7.25) scale 0.5 (largest side 1)",
        ], comments);

        Assert.Equal(0, Sample(box, "raw.ply").ExitCode);
        var raw = GeometryFiles.Read(P("raw.ply"));
        Assert.Equal(100_000, raw.VertexCount);
        Assert.Equal(["nlset sample: 100000 points from box.off, uniform by area, seed 0, no noise"], raw.Comments);
    }

    [Fact]
    public void WithoutNormalizeTheSourceUnitsAreKept()
    {
        var box = Write("box.obj", TestMeshes.OffsetBox());
        Assert.Equal(0, Sample(box, "cloud.xyz", "-n", "500").ExitCode);
        var cloud = GeometryFiles.Read(P("cloud.xyz"));
        Assert.Equal(500, cloud.VertexCount);
        var bounds = cloud.Bounds;
        Assert.True(bounds.Min.X >= 3 && bounds.Max.X <= 5 && bounds.Min.Y >= -1 && bounds.Max.Y <= 0 && bounds.Min.Z >= 7 && bounds.Max.Z <= 7.5);
    }

    [Fact]
    public void SameSeedGivesTheSameBytesAndAnotherSeedOtherPoints()
    {
        var box = Write("box.ply", TestMeshes.OffsetBox());
        Assert.Equal(0, Sample(box, "a.ply", "-n", "300", "--seed", "11").ExitCode);
        Assert.Equal(0, Sample(box, "b.ply", "-n", "300", "--seed", "11").ExitCode);
        Assert.Equal(0, Sample(box, "c.ply", "-n", "300", "--seed", "12").ExitCode);
        Assert.Equal(File.ReadAllBytes(P("a.ply")), File.ReadAllBytes(P("b.ply")));
        var a = GeometryFiles.Read(P("a.ply")).Vertices;
        var c = GeometryFiles.Read(P("c.ply")).Vertices;
        Assert.Equal(a.Length, c.Length);
        Assert.True(a.Zip(c).Count(pair => pair.First == pair.Second) < 3, "a different seed must draw different points");
    }

    [Fact]
    public void NoiseDisplacesThePointsBySigmaInNormalisedUnits()
    {
        var box = Write("box.ply", TestMeshes.OffsetBox());
        const double sigma = 0.02;
        Assert.Equal(0, Sample(box, "clean.ply", "-n", "3000", "--normalize", "--seed", "5").ExitCode);
        Assert.Equal(0, Sample(box, "noisy.ply", "-n", "3000", "--normalize", "--seed", "5", "--noise", "0.02").ExitCode);
        var clean = GeometryFiles.Read(P("clean.ply")).Vertices;
        var noisy = GeometryFiles.Read(P("noisy.ply")).Vertices;
        // The same seed draws the same positions; the noise comes from its own stream, so the differences
        // are the noise alone: 9000 normal variates of deviation σ (in the normalised box, not the source's units,
        // which are twice as large here).
        var offsets = clean.Zip(noisy).SelectMany(p => new[] { p.Second.X - p.First.X, p.Second.Y - p.First.Y, p.Second.Z - p.First.Z }).ToArray();
        double mean = offsets.Average();
        double deviation = Math.Sqrt(offsets.Sum(d => (d - mean) * (d - mean)) / (offsets.Length - 1));
        Assert.InRange(mean, -4 * sigma / Math.Sqrt(offsets.Length), 4 * sigma / Math.Sqrt(offsets.Length));
        Assert.InRange(deviation, 0.96 * sigma, 1.04 * sigma); // the estimate's relative error is about 1/√(2·9000) ≈ 0.75 %
    }

    [Fact]
    public void NormalsAreWrittenOnlyOnRequestAndAreTheOutwardFaceNormals()
    {
        var box = Write("box.ply", TestMeshes.OffsetBox());
        Assert.Equal(0, Sample(box, "plain.ply", "-n", "400", "--normalize").ExitCode);
        Assert.Null(GeometryFiles.Read(P("plain.ply")).Normals);

        Assert.Equal(0, Sample(box, "oriented.ply", "-n", "400", "--normalize", "--normals").ExitCode);
        var cloud = GeometryFiles.Read(P("oriented.ply"));
        Assert.NotNull(cloud.Normals);
        double[] half = [0.5, 0.25, 0.125];
        for (int i = 0; i < cloud.VertexCount; i++)
        {
            var p = cloud.Vertices[i];
            var n = cloud.Normals[i];
            // A box face normal is ± one axis, and the point lies on that face of the normalised box.
            int axis = Enumerable.Range(0, 3).Single(k => Math.Abs(n[k]) == 1);
            Assert.Equal(Math.Sign(n[axis]) * half[axis], p[axis], 1e-12);
            Assert.Equal(1.0, n.LengthSquared);
        }
    }

    [Fact]
    public void PolylinesAreSampledByLength()
    {
        // An L of lengths 3 and 1: a quarter of the points on the short leg.
        var curve = Write("l.obj", new Mesh([new(0, 0, 0), new(3, 0, 0), new(3, 1, 0)], polylines: [[0, 1, 2]]));
        Assert.Equal(0, Sample(curve, "points.xyz", "-n", "4000", "--seed", "2").ExitCode);
        var cloud = GeometryFiles.Read(P("points.xyz"));
        Assert.All(cloud.Vertices, p => Assert.True((p.Y == 0 && p.X >= 0 && p.X <= 3) || (p.X == 3 && p.Y >= 0 && p.Y <= 1)));
        double onShortLeg = cloud.Vertices.Count(p => p.Y > 0) / 4000.0;
        Assert.InRange(onShortLeg, 0.25 - 4 * 0.0068, 0.25 + 4 * 0.0068); // binomial σ = √(0.25·0.75/4000)
        Assert.Contains("uniform by length", cloud.Comments[0]);

        Sample(curve, "n.ply", "--normals").AssertBadInput("l.obj", "--normals");
    }

    [Fact]
    public void APointCloudIsNotAMeshToSample()
    {
        var cloud = Write("cloud.xyz", Mesh.PointCloud([new(0, 0, 0), new(1, 0, 0), new(0, 1, 0)]));
        Sample(cloud, "out.ply").AssertBadInput("cloud.xyz", "no triangles or polylines");
        Assert.False(File.Exists(P("out.ply")));
    }

    [Fact]
    public void BadOptionsAreOneLineBadInput()
    {
        var box = Write("box.ply", TestMeshes.OffsetBox());
        Sample(box, "out.ply", "-n", "0").AssertBadInput("--count");
        Sample(box, "out.ply", "-n", "-5").AssertBadInput("--count");
        Sample(box, "out.ply", "--noise", "-0.1").AssertBadInput("--noise");
        Sample(box, "out.ply", "--noise", "NaN").AssertBadInput("--noise");
        Sample(box, "out.ply", "--noise", "small").AssertBadInput("--noise", "small");
        Sample(box, "out.ply", "-n", "many").AssertBadInput("many");
        CliRun.Of("sample", box).AssertBadInput("--output");
        Sample(box, "out.stl").AssertBadInput("out.stl", "a point cloud is written as", "not '.stl'");
        Sample(box, "out.gz").AssertBadInput("out.gz", "extension");
        Sample(P("missing.ply"), "out.ply").AssertBadInput("missing.ply", "no such file");
        Assert.Equal(["box.ply"], Directory.GetFiles(Dir).Select(Path.GetFileName));
    }
}
