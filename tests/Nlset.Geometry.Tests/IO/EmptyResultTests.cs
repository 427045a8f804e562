using Nlset.Geometry.IO;
using static Nlset.Geometry.Tests.IO.GeometryText;

namespace Nlset.Geometry.Tests.IO;

/// <summary>The rule of issue 17: no reader returns an empty result from a non-empty file without saying why — one case per format.</summary>
public class EmptyResultTests
{
    [Theory]
    [InlineData("e.ply", "ply\nformat ascii 1.0\nelement vertex 0\nproperty float x\nproperty float y\nproperty float z\nend_header\n", "no vertices: the PLY file declares none")]
    [InlineData("e.obj", "# only a comment\n", "no vertices: no 'v' statement among 1 non-blank lines (only # comments)")]
    [InlineData("e.obj", "g group\nusemtl red\n", "no vertices: no 'v' statement among 2 non-blank lines (the first statement is 'g')")]
    [InlineData("e.off", "OFF\n0 0 0\n", "no vertices: the OFF file declares none")]
    [InlineData("e.xyz", "# header only\n# nothing else\n", "no points: the file holds only comments and blank lines")]
    [InlineData("e.csv", "x,y,z\n", "no points: the file has a header row and no data rows")]
    [InlineData("e.stl", "solid empty\nendsolid empty\n", "no vertices: the STL file declares none")]
    public void A_file_with_content_but_no_vertex_is_refused_with_the_reason(string name, string content, string reason)
    {
        var error = Assert.Throws<GeometryFileException>(() => Read(name, content));
        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void Utf16_without_a_byte_order_mark_is_named_as_such()
    {
        var error = Assert.Throws<GeometryFileException>(() => Read("w.obj", System.Text.Encoding.Unicode.GetBytes("v 1 2 3\n")));
        Assert.Contains("UTF-16", error.Reason);
    }

    [Fact]
    public void Binary_stl_with_no_triangles_is_refused_too()
    {
        var error = Assert.Throws<GeometryFileException>(() => Read("e.stl", new byte[84]));
        Assert.Equal("no vertices: the STL file declares none", error.Reason);
    }

    [Fact]
    public void All_points_skipped_is_refused_not_an_empty_cloud()
    {
        var warnings = new List<string>();
        var error = Assert.Throws<GeometryFileException>(() => Read("n.xyz", "nan 0 0\n", new GeometryReadOptions { SkipInvalidPoints = true, Warning = warnings.Add }));
        Assert.Equal("no points left: all 1 have a non-finite coordinate (first at line 1)", error.Reason);
        Assert.Empty(warnings);
    }
}
