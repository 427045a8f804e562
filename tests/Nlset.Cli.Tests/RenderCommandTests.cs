using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Geometry.Shapes;

namespace Nlset.Cli.Tests;

/// <summary>nlset render end to end: pictures of meshes, curves and clouds, and one-line refusals of bad options.</summary>
public sealed class RenderCommandTests() : TestFolder("nlset-render-cli-")
{
    [Fact]
    public void RendersAMeshAtTheRequestedSizeAndViews()
    {
        var mesh = Write("box.ply", TestMeshes.OffsetBox());
        var run = CliRun.Of("render", mesh, "-o", P("box.png"), "--size", "120x90", "--views", "3", "--shading", "flat");
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Equal(P("box.png"), run.Out.Trim());
        PngAssert.IsPng(P("box.png"), 360, 90);

        // Default output beside the input, one view of the default size; --camera gives one view.
        var again = CliRun.Of("render", mesh, "--camera", "30,-20", "--size", "64");
        Assert.True(again.ExitCode == 0, again.Err);
        PngAssert.IsPng(P("box.png"), 64, 64);
    }

    [Fact]
    public void RendersACurveACloudAndACloudOverAMesh()
    {
        var curve = Write("helix.obj", ParametricCurves.Helix(1, 0.5, 3, 300));
        Assert.Equal(0, CliRun.Of("render", curve, "-o", P("helix.png"), "--size", "80x80").ExitCode);
        PngAssert.IsPng(P("helix.png"), 80, 80);

        var cloud = Write("cloud.xyz", Mesh.PointCloud(Icosphere.Create(2, 1).Vertices));
        Assert.Equal(0, CliRun.Of("render", cloud, "-o", P("cloud.png"), "--size", "80x60", "--up", "z").ExitCode);
        PngAssert.IsPng(P("cloud.png"), 80, 60);

        var sphere = Write("sphere.off", Icosphere.Create(2, 1));
        var over = CliRun.Of("render", sphere, "--cloud", cloud, "-o", P("over.png"), "--size", "80x80", "--views", "4");
        Assert.True(over.ExitCode == 0, over.Err);
        PngAssert.IsPng(P("over.png"), 320, 80);
    }

    [Theory]
    [InlineData("--size", "0x0")]
    [InlineData("--size", "big")]
    [InlineData("--views", "2")]
    [InlineData("--shading", "phong")]
    [InlineData("--camera", "30")]
    [InlineData("--up", "x")]
    public void BadOptionsAreOneLineBadInputAndWriteNothing(string option, string value)
    {
        var mesh = Write("box.ply", TestMeshes.OffsetBox());
        CliRun.Of("render", mesh, "-o", P("out.png"), option, value).AssertBadInput(option);
        Assert.False(File.Exists(P("out.png")));
    }

    [Fact]
    public void MissingFilesWrongExtensionsAndConflictingViewsAreOneLineBadInput()
    {
        var mesh = Write("box.ply", TestMeshes.OffsetBox());
        CliRun.Of("render", P("missing.ply"), "-o", P("out.png")).AssertBadInput("missing.ply");
        CliRun.Of("render", mesh, "-o", P("out.jpg")).AssertBadInput(".png");
        CliRun.Of("render", mesh, "-o", P("no/such/dir/out.png")).AssertBadInput("does not exist");
        CliRun.Of("render", mesh, "--cloud", P("missing.xyz"), "-o", P("out.png")).AssertBadInput("missing.xyz");
        CliRun.Of("render", mesh, "--views", "3", "--camera", "0,0", "-o", P("out.png")).AssertBadInput("--camera");
        Assert.Empty(Directory.GetFiles(Dir, "*.png"));
        Assert.Empty(Directory.GetFiles(Dir, "*.tmp"));
    }
}
