using System.Text.Json;
using Nlset.Geometry.IO;

namespace Nlset.Cli.Tests;

/// <summary>The odd files of the corpus (tests/Nlset.Geometry.Tests/corpus) through the commands: read with one warning, or refused with one line.</summary>
public sealed class ScannerFilesTests() : TestFolder("nlset-scanner-")
{
    static string Corpus(string name) => Path.Combine(AppContext.BaseDirectory, "corpus", name);

    static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void A_scan_with_nan_normals_is_described_with_one_warning_counting_them()
    {
        var run = CliRun.Of("info", Corpus("pond-like-nan-normals.ply"));
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("vertices      200", run.Out);
        Assert.Contains("normals       no", run.Out);
        Assert.Contains("colours       yes", run.Out);
        var warning = Assert.Single(Lines(run.Err));
        Assert.Contains("WRN", warning);
        Assert.Contains("4 of 200 vertices have a non-finite normal (first at vertex 3)", warning);
    }

    [Fact]
    public void A_nan_position_is_one_line_naming_the_vertex_unless_skipped()
    {
        CliRun.Of("info", Corpus("big-endian-nan-position.ply")).AssertBadInput("big-endian-nan-position.ply", "vertex 5", "--skip-invalid-points");
        var run = CliRun.Of("info", Corpus("big-endian-nan-position.ply"), "--skip-invalid-points");
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("vertices      7", run.Out);
        Assert.Contains("left out 1 of 8 points", Assert.Single(Lines(run.Err)));
    }

    [Theory]
    [InlineData("tetra-utf16le.obj")]
    [InlineData("tetra-utf16be.obj")]
    [InlineData("tetra-ascii.stl")]
    [InlineData("tetra-binary-solid-header.stl")]
    public void Utf16_obj_and_stl_are_closed_tetrahedra(string name)
    {
        var run = CliRun.Of("info", Corpus(name), "--json");
        Assert.True(run.ExitCode == 0, run.Err);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(4, json.RootElement.GetProperty("vertices").GetInt32());
        Assert.Equal(4, json.RootElement.GetProperty("triangles").GetInt32());
        Assert.True(json.RootElement.GetProperty("topology").GetProperty("watertight").GetBoolean());
    }

    [Theory]
    [InlineData("no-vertices.obj", "no 'v' statement")]
    [InlineData("tetra-bad-count.stl", "declares 100000000 triangles")]
    public void Files_that_give_nothing_are_one_line_bad_input(string name, string reason) =>
        CliRun.Of("info", Corpus(name)).AssertBadInput(name, reason);

    [Fact]
    public void Colour_rows_are_colours_and_normalize_keeps_them_in_ply()
    {
        var info = CliRun.Of("info", Corpus("colour-rows.xyz"));
        Assert.Contains("normals       no", info.Out);
        Assert.Contains("colours       yes", info.Out);
        Assert.Contains("give --columns", Assert.Single(Lines(info.Err)));

        var normalize = CliRun.Of("normalize", Corpus("colour-rows.xyz"), "-o", P("n.ply"), "--columns", "x,y,z,r,g,b");
        Assert.True(normalize.ExitCode == 0, normalize.Err);
        Assert.DoesNotContain("WRN", normalize.Err);
        var source = GeometryFiles.Read(Corpus("colour-rows.xyz"));
        var written = GeometryFiles.Read(P("n.ply"));
        Assert.Equal(source.Colors, written.Colors);
        Assert.False(written.HasNormals);
    }

    [Fact]
    public void Normalize_to_a_format_without_colours_says_they_are_dropped()
    {
        var run = CliRun.Of("normalize", Corpus("pond-like-nan-normals.ply"), "-o", P("n.obj"));
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains(Lines(run.Err), l => l.Contains("WRN") && l.Contains("colours") && l.Contains("written without them"));
    }

    [Fact]
    public void Text_exports_by_header_or_columns_option()
    {
        Assert.Contains("vertices      20", CliRun.Of("info", Corpus("header-xyz.csv")).Out);
        var run = CliRun.Of("info", Corpus("intensity-rows.txt"), "--columns", "x,y,z,i");
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Equal("", run.Err);
        CliRun.Of("info", Corpus("intensity-rows.txt"), "--columns", "x,y,z").AssertBadInput("--columns names 3 columns", "line 1");
        CliRun.Of("info", Corpus("intensity-rows.txt"), "--columns", "x,y,z,colour").AssertBadInput("unknown column name 'colour'");
    }

    [Fact]
    public void Stl_is_written_by_normalize_and_read_back()
    {
        var run = CliRun.Of("normalize", Corpus("tetra-ascii.stl"), "-o", P("unit.stl"));
        Assert.True(run.ExitCode == 0, run.Err);
        var mesh = GeometryFiles.Read(P("unit.stl"));
        Assert.Equal(4, mesh.TriangleCount);
        Assert.Equal(1, mesh.Bounds.LargestSide, 6);
    }
}
