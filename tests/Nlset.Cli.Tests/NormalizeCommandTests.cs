using Nlset.Geometry;
using Nlset.Geometry.IO;

namespace Nlset.Cli.Tests;

public sealed class NormalizeCommandTests() : TestFolder("nlset-normalize-")
{
    [Fact]
    public void WritesTheMeshInTheUnitBoxWithTheTransform()
    {
        var source = TestMeshes.OffsetBox();
        source.Comments.Add("scanned on Tuesday");
        GeometryFiles.Write(P("box.ply"), source);
        Assert.Equal(0, CliRun.Of("normalize", P("box.ply"), "-o", P("unit.obj")).ExitCode);

        var unit = GeometryFiles.Read(P("unit.obj"));
        Assert.Equal(source.Triangles, unit.Triangles);
        var bounds = unit.Bounds;
        Assert.Equal(new Vector3d(-0.5, -0.25, -0.125), bounds.Min);
        Assert.Equal(new Vector3d(0.5, 0.25, 0.125), bounds.Max);
        Assert.Equal(
        [
            "scanned on Tuesday",
            "nlset normalize: from box.ply",
            "nlset normalize: normalized: centre (4, -0.5, 7.25) scale 0.5 (largest side 1)",
        ], unit.Comments);
    }

    [Fact]
    public void SamplingTheNormalisedMeshEqualsSamplingWithNormalize()
    {
        // An irregular shape, so the transform is not a power of two and rounding would show.
        var mesh = new Mesh([new(0.1, 0.3, -2), new(3.7, 0.2, -1.1), new(1.3, 2.9, -1.7), new(1.1, 1.3, 0.6)],
            triangles: [0, 2, 1, 0, 1, 3, 1, 2, 3, 0, 3, 2]);
        GeometryFiles.Write(P("tet.ply"), mesh);
        Assert.Equal(0, CliRun.Of("normalize", P("tet.ply"), "-o", P("unit.ply")).ExitCode);
        Assert.Equal(0, CliRun.Of("sample", P("tet.ply"), "--normalize", "-n", "200", "-o", P("a.ply")).ExitCode);
        Assert.Equal(0, CliRun.Of("sample", P("unit.ply"), "-n", "200", "-o", P("b.ply")).ExitCode);
        Assert.Equal(GeometryFiles.Read(P("a.ply")).Vertices, GeometryFiles.Read(P("b.ply")).Vertices);
    }

    [Fact]
    public void UnusableInputsAreOneLineBadInput()
    {
        File.WriteAllText(P("point.xyz"), "1 2 3\n1 2 3\n");
        CliRun.Of("normalize", P("point.xyz"), "-o", P("out.ply")).AssertBadInput("point.xyz", "identical");
        CliRun.Of("normalize", P("missing.off"), "-o", P("out.ply")).AssertBadInput("missing.off");
        CliRun.Of("normalize", P("point.xyz")).AssertBadInput("--output");
        Assert.Equal(["point.xyz"], Directory.GetFiles(Dir).Select(Path.GetFileName));
    }
}
