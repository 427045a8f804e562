using Nlset.Geometry.IO;

namespace Nlset.Geometry.Tests.IO;

/// <summary>The odd files of tests/Nlset.Geometry.Tests/corpus (see its README): each is read as the file's author meant.</summary>
public class CorpusTests
{
    static string Corpus(string name) => Path.Combine(AppContext.BaseDirectory, "corpus", name);

    static (Mesh Mesh, List<string> Warnings) Read(string name, bool skipInvalid = false, string? columns = null)
    {
        var warnings = new List<string>();
        var mesh = GeometryFiles.Read(Corpus(name), new GeometryReadOptions { Warning = warnings.Add, SkipInvalidPoints = skipInvalid, Columns = columns });
        return (mesh, warnings);
    }

    [Fact]
    public void A_scan_with_some_nan_normals_keeps_its_points_and_colours_and_drops_the_normals_with_one_warning()
    {
        var (mesh, warnings) = Read("pond-like-nan-normals.ply");
        Assert.Equal(200, mesh.VertexCount);
        Assert.False(mesh.HasNormals);
        Assert.Equal(new VertexColor(7, 13, 29), mesh.Colors![1]);
        var warning = Assert.Single(warnings);
        Assert.EndsWith("pond-like-nan-normals.ply: 4 of 200 vertices have a non-finite normal (first at vertex 3): the normals are dropped, the points kept", warning);
    }

    [Fact]
    public void A_nan_position_in_big_endian_ply_names_the_vertex_unless_invalid_points_are_skipped()
    {
        var error = Assert.Throws<GeometryFileException>(() => Read("big-endian-nan-position.ply"));
        Assert.Equal("vertex 5", error.Location);
        Assert.Contains("(SkipInvalidPoints leaves such points out)", error.Reason);

        var (mesh, warnings) = Read("big-endian-nan-position.ply", skipInvalid: true);
        Assert.Equal(7, mesh.VertexCount);
        Assert.Equal(new Vector3d(6, 1, 2), mesh.Vertices[5]);
        Assert.EndsWith("left out 1 of 8 points with a non-finite coordinate (first at vertex 5) (SkipInvalidPoints)", Assert.Single(warnings));
    }

    [Theory]
    [InlineData("tetra-utf16le.obj")]
    [InlineData("tetra-utf16be.obj")]
    public void Utf16_obj_is_decoded_by_its_byte_order_mark(string name)
    {
        var (mesh, warnings) = Read(name);
        Assert.Equal(4, mesh.VertexCount);
        Assert.Equal(4, mesh.TriangleCount);
        Assert.Equal(["a tetrahedron saved as UTF-16"], mesh.Comments);
        Assert.Empty(warnings);
        Assert.True(MeshTopology.Of(mesh).IsWatertight);
    }

    [Fact]
    public void Colour_rows_are_colours_not_normals_and_the_guess_is_announced()
    {
        var (mesh, warnings) = Read("colour-rows.xyz");
        Assert.Equal(20, mesh.VertexCount);
        Assert.False(mesh.HasNormals);
        Assert.True(mesh.HasColors);
        Assert.Contains("read them as x,y,z,r,g,b", Assert.Single(warnings));
    }

    [Fact]
    public void Intensity_rows_are_points_with_the_intensity_ignored()
    {
        var (mesh, warnings) = Read("intensity-rows.txt");
        Assert.Equal(20, mesh.VertexCount);
        Assert.False(mesh.HasNormals || mesh.HasColors);
        Assert.Contains("read them as x,y,z,_", Assert.Single(warnings));
    }

    [Fact]
    public void Columns_option_says_what_a_headerless_file_holds_without_a_warning()
    {
        var (mesh, warnings) = Read("intensity-rows.txt", columns: "x,y,z,i");
        Assert.Equal(20, mesh.VertexCount);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Csv_with_a_header_row_is_read_by_its_names()
    {
        var (plain, w1) = Read("header-xyz.csv");
        Assert.Equal(20, plain.VertexCount);
        Assert.Empty(w1);
        var (full, w2) = Read("header-xyzrgb-nxnynz.csv");
        Assert.Equal(20, full.VertexCount);
        Assert.True(full.HasColors);
        Assert.All(full.Normals!, n => Assert.Equal(new Vector3d(0, 0, 1), n));
        Assert.Empty(w2);
    }

    [Fact]
    public void Leica_pts_skips_the_count_line_and_finds_the_colours_after_the_intensity()
    {
        var (mesh, warnings) = Read("leica-count-line.pts");
        Assert.Equal(20, mesh.VertexCount);
        Assert.True(mesh.HasColors);
        Assert.Contains("read them as x,y,z,_,r,g,b", Assert.Single(warnings));
    }

    [Theory]
    [InlineData("tetra-binary-solid-header.stl")]
    [InlineData("tetra-ascii.stl")]
    public void Stl_is_read_with_its_corners_welded(string name)
    {
        var (mesh, _) = Read(name);
        Assert.Equal(4, mesh.VertexCount);
        Assert.Equal(4, mesh.TriangleCount);
        var topology = MeshTopology.Of(mesh);
        Assert.True(topology.IsWatertight);
        Assert.Equal(0, topology.Genus);
    }

    [Fact]
    public void Stl_whose_count_does_not_match_its_size_is_refused()
    {
        var error = Assert.Throws<GeometryFileException>(() => Read("tetra-bad-count.stl"));
        Assert.Equal("header", error.Location);
        Assert.Contains("declares 100000000 triangles, which take 5000000084 bytes, but the file has 284", error.Reason);
    }

    [Fact]
    public void A_non_empty_obj_without_vertices_is_refused_with_the_reason()
    {
        var error = Assert.Throws<GeometryFileException>(() => Read("no-vertices.obj"));
        Assert.Equal("no vertices: no 'v' statement among 3 non-blank lines (the first statement is 'mtllib')", error.Reason);
    }

    [Theory]
    [InlineData("pond-like-nan-normals.ply", GeometryFormat.Ply)]
    [InlineData("tetra-binary-solid-header.stl", GeometryFormat.Stl)]
    [InlineData("tetra-ascii.stl", GeometryFormat.Stl)]
    [InlineData("header-xyz.csv", GeometryFormat.Xyz)]
    [InlineData("tetra-utf16le.obj", GeometryFormat.Obj)]
    public void Content_alone_tells_the_format(string name, GeometryFormat expected)
    {
        using var scratch = new ScratchDirectory();
        string copy = scratch.File("no-extension");
        File.Copy(Corpus(name), copy);
        Assert.Equal(expected, GeometryFiles.DetectFormat(copy));
        Assert.True(GeometryFiles.Read(copy).VertexCount > 0);
    }
}
