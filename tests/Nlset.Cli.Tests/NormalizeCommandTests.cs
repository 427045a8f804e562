using Nlset.Geometry;
using Nlset.Geometry.IO;

namespace Nlset.Cli.Tests;

public sealed class NormalizeCommandTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nlset-normalize-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    string PathOf(string name) => Path.Combine(_dir, name);

    [Fact]
    public void WritesTheMeshInTheUnitBoxWithTheTransform()
    {
        var source = TestMeshes.OffsetBox();
        source.Comments.Add("scanned on Tuesday");
        GeometryFiles.Write(PathOf("box.ply"), source);
        Assert.Equal(0, CliRun.Of("normalize", PathOf("box.ply"), "-o", PathOf("unit.obj")).ExitCode);

        var unit = GeometryFiles.Read(PathOf("unit.obj"));
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
        GeometryFiles.Write(PathOf("tet.ply"), mesh);
        Assert.Equal(0, CliRun.Of("normalize", PathOf("tet.ply"), "-o", PathOf("unit.ply")).ExitCode);
        Assert.Equal(0, CliRun.Of("sample", PathOf("tet.ply"), "--normalize", "-n", "200", "-o", PathOf("a.ply")).ExitCode);
        Assert.Equal(0, CliRun.Of("sample", PathOf("unit.ply"), "-n", "200", "-o", PathOf("b.ply")).ExitCode);
        Assert.Equal(GeometryFiles.Read(PathOf("a.ply")).Vertices, GeometryFiles.Read(PathOf("b.ply")).Vertices);
    }

    [Fact]
    public void UnusableInputsAreOneLineBadInput()
    {
        File.WriteAllText(PathOf("point.xyz"), "1 2 3\n1 2 3\n");
        CliRun.Of("normalize", PathOf("point.xyz"), "-o", PathOf("out.ply")).AssertBadInput("point.xyz", "identical");
        CliRun.Of("normalize", PathOf("missing.off"), "-o", PathOf("out.ply")).AssertBadInput("missing.off");
        CliRun.Of("normalize", PathOf("point.xyz")).AssertBadInput("--output");
        Assert.Equal(["point.xyz"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }
}
