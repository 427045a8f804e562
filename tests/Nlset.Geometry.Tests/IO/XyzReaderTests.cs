using static Nlset.Geometry.Tests.IO.GeometryText;

namespace Nlset.Geometry.Tests.IO;

public class XyzReaderTests
{
    [Fact]
    public void Spaces_tabs_and_commas_separate_values()
    {
        var mesh = Read("p.xyz", "1 2 3\n4\t5\t6\n7,8,9\n10, 11 ,\t12\n  -1e3  +2.5  .5  \n");
        Assert.Equal([new Vector3d(1, 2, 3), new Vector3d(4, 5, 6), new Vector3d(7, 8, 9), new Vector3d(10, 11, 12), new Vector3d(-1000, 2.5, 0.5)], mesh.Vertices);
        Assert.False(mesh.HasNormals);
    }

    [Fact]
    public void Six_values_are_a_point_and_its_normal()
    {
        // A "# x,y,z,nx,ny,nz" line names the columns (nlset's writer puts it there); it is not kept as a comment.
        var mesh = Read("n.csv", "# x,y,z,nx,ny,nz\n0,0,0,0,0,1\n1,1,1,1,0,0\n");
        Assert.Empty(mesh.Comments);
        Assert.Equal([new Vector3d(0, 0, 1), new Vector3d(1, 0, 0)], mesh.Normals!);
    }

    [Fact]
    public void Blank_and_comment_lines_are_skipped_and_crlf_accepted()
    {
        var mesh = Read("c.txt", "# scan 12\r\n#\r\n\r\n1 2 3\r\n   \r\n# halfway\r\n4 5 6\r\n");
        Assert.Equal(["scan 12", ""], mesh.Comments);
        Assert.Equal([new Vector3d(1, 2, 3), new Vector3d(4, 5, 6)], mesh.Vertices);
    }

    [Fact]
    public void Utf8_byte_order_mark_is_skipped()
    {
        var mesh = Read("bom.xyz", Concat([0xEF, 0xBB, 0xBF], Ascii("1 2 3\n")));
        Assert.Equal([new Vector3d(1, 2, 3)], mesh.Vertices);
    }
}
