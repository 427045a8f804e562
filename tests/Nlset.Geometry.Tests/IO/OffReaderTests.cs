using static Nlset.Geometry.Tests.IO.GeometryText;

namespace Nlset.Geometry.Tests.IO;

public class OffReaderTests
{
    [Fact]
    public void Plain_off_with_comments_polygons_and_face_colours()
    {
        var mesh = Read("a.off",
            "OFF\n# a square and a pentagon\n\n6 3 0\n0 0 0\n1 0 0\n1 1 0 # inline comment\n0 1 0\n0.5 1.5 0\n2 2 2\n" +
            "4 0 1 2 3 255 0 0\n5 0 1 2 4 3 0.5 0.5 0.5 1\n3 5 4 3\n");
        Assert.Equal(["a square and a pentagon"], mesh.Comments);
        Assert.Equal(6, mesh.VertexCount);
        Assert.Equal([0, 1, 2, 0, 2, 3, 0, 1, 2, 0, 2, 4, 0, 4, 3, 5, 4, 3], mesh.Triangles);
        Assert.False(mesh.HasNormals);
    }

    [Fact]
    public void Noff_reads_normals()
    {
        var mesh = Read("n.off", "NOFF\n3 1 0\n0 0 0 0 0 1\n1 0 0 0 0 1\n0 1 0 0.6 0.8 0\n3 0 1 2\n");
        Assert.Equal([new Vector3d(0, 0, 1), new Vector3d(0, 0, 1), new Vector3d(0.6, 0.8, 0)], mesh.Normals!);
    }

    [Theory]
    [InlineData("COFF", "0 0 0 255 0 0 255\n1 0 0 0 255 0 255\n0 1 0 0 0 255 255\n", false)]
    [InlineData("CNOFF", "0 0 0 0 0 1 1 0 0 1\n1 0 0 0 0 1 0 1 0 1\n0 1 0 0 0 1 0 0 1 1\n", true)]
    [InlineData("NCOFF", "0 0 0 0 0 1 1 0 0 1\n1 0 0 0 0 1 0 1 0 1\n0 1 0 0 0 1 0 0 1 1\n", true)]
    [InlineData("STCNOFF", "0 0 0 0 0 1 1 0 0 1 0 0\n1 0 0 0 0 1 0 1 0 1 1 0\n0 1 0 0 0 1 0 0 1 1 0 1\n", true)]
    public void Colour_and_texture_variants(string keyword, string vertices, bool normals)
    {
        var mesh = Read("c.off", $"{keyword}\n3 1 0\n{vertices}3 0 1 2 0.1 0.2 0.3\n");
        Assert.Equal([new Vector3d(0, 0, 0), new Vector3d(1, 0, 0), new Vector3d(0, 1, 0)], mesh.Vertices);
        Assert.Equal(normals, mesh.HasNormals);
        if (normals) Assert.All(mesh.Normals!, n => Assert.Equal(new Vector3d(0, 0, 1), n));
        Assert.Equal([0, 1, 2], mesh.Triangles);
    }

    [Fact]
    public void Counts_on_the_keyword_line_crlf_and_no_edge_count()
    {
        var mesh = Read("k.off", "OFF 3 1\r\n0 0 0\r\n1 0 0\r\n0 1 0\r\n3 2 1 0\r\n\r\n");
        Assert.Equal([2, 1, 0], mesh.Triangles);
    }

    [Fact]
    public void Keyword_may_be_left_out()
    {
        var mesh = Read("bare.off", "3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n");
        Assert.Equal(3, mesh.VertexCount);
        Assert.Equal([0, 1, 2], mesh.Triangles);
    }

    [Fact]
    public void Point_cloud_without_faces()
    {
        var mesh = Read("p.off", "OFF\n2 0 0\n1 2 3\n4 5 6\n");
        Assert.Equal([new Vector3d(1, 2, 3), new Vector3d(4, 5, 6)], mesh.Vertices);
        Assert.False(mesh.HasTriangles);
    }
}
