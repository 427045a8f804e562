using Nlset.Geometry.IO;
using static Nlset.Geometry.Tests.IO.GeometryText;

namespace Nlset.Geometry.Tests.IO;

/// <summary>Which columns of a text point export are positions, normals and colours: header, --columns, or a guess with a warning.</summary>
public class TextColumnsTests
{
    static (Mesh Mesh, List<string> Warnings) ReadXyz(string content, string? columns = null, string name = "p.xyz")
    {
        var warnings = new List<string>();
        return (Read(name, content, new GeometryReadOptions { Columns = columns, Warning = warnings.Add }), warnings);
    }

    [Fact]
    public void Unit_length_triples_are_guessed_as_normals_with_a_warning()
    {
        var (mesh, warnings) = ReadXyz("0 0 0 0 0 1\n1 1 1 0.6 0.8 0\n");
        Assert.Equal([new Vector3d(0, 0, 1), new Vector3d(0.6, 0.8, 0)], mesh.Normals!);
        Assert.Contains("read them as x,y,z,nx,ny,nz", Assert.Single(warnings));
    }

    [Fact]
    public void Rgb_rows_are_never_normals()
    {
        // 255 0 0 and 0 0 1 together: not all unit length, all integers 0..255, so colours.
        var (mesh, _) = ReadXyz("0 0 0 255 0 0\n1 1 1 0 0 1\n");
        Assert.False(mesh.HasNormals);
        Assert.Equal([new VertexColor(255, 0, 0), new VertexColor(0, 0, 1)], mesh.Colors!);
    }

    [Fact]
    public void Columns_nobody_can_place_are_ignored_with_a_warning()
    {
        var (mesh, warnings) = ReadXyz("0 0 0 -7.5 3 1000\n");
        Assert.False(mesh.HasNormals || mesh.HasColors);
        Assert.Contains("read them as x,y,z,_,_,_", Assert.Single(warnings));
    }

    [Theory]
    [InlineData("x,y,z,r,g,b", "0,0,0,0,0,1\n", false, true)]
    [InlineData("x y z nx ny nz", "0 0 0 0 0 1\n", true, false)]
    [InlineData("i,x,y,z", "9 1 2 3\n", false, false)]
    public void Columns_option_overrides_the_guess(string columns, string content, bool normals, bool colours)
    {
        var (mesh, warnings) = ReadXyz(content, columns);
        Assert.Equal(normals, mesh.HasNormals);
        Assert.Equal(colours, mesh.HasColors);
        Assert.Empty(warnings);
        if (columns.StartsWith('i')) Assert.Equal(new Vector3d(1, 2, 3), mesh.Vertices[0]);
    }

    [Theory]
    [InlineData("x,y", "'x,y' must name x, y, z")]
    [InlineData("x,y,z,nx,ny", "'x,y,z,nx,ny' must name nx, ny, nz all three or none")]
    [InlineData("x,y,z,colour", "Columns: unknown column name 'colour'")]
    [InlineData("x,y,z,x", "a column is named twice")]
    public void Bad_columns_option_is_refused(string columns, string reason)
    {
        var error = Assert.Throws<GeometryFileException>(() => ReadXyz("1 2 3\n", columns));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Columns_option_must_match_the_rows()
    {
        var error = Assert.Throws<GeometryFileException>(() => ReadXyz("1 2 3 4\n", "x,y,z"));
        Assert.Equal("line 1", error.Location);
        Assert.Equal("Columns names 3 columns (x,y,z), this line has 4 values", error.Reason);
    }

    [Theory]
    [InlineData("x y z intensity\n1 2 3 40\n")]
    [InlineData("X\tY\tZ\n1\t2\t3\n")]
    [InlineData("//X,Y,Z,Scalar_field\n1,2,3,0.5\n")]
    [InlineData("\"x\",\"y\",\"z\"\n1,2,3\n")]
    public void Header_rows_in_any_separator_name_the_columns(string content)
    {
        var (mesh, warnings) = ReadXyz(content);
        Assert.Equal(new Vector3d(1, 2, 3), Assert.Single(mesh.Vertices));
        Assert.Empty(warnings);
    }

    [Fact]
    public void Header_naming_columns_in_another_order_is_followed()
    {
        var (mesh, _) = ReadXyz("r,g,b,z,y,x\n10,20,30,3,2,1\n", name: "p.csv");
        Assert.Equal(new Vector3d(1, 2, 3), Assert.Single(mesh.Vertices));
        Assert.Equal(new VertexColor(10, 20, 30), Assert.Single(mesh.Colors!));
    }

    [Fact]
    public void Colours_outside_0_to_255_are_refused()
    {
        var error = Assert.Throws<GeometryFileException>(() => ReadXyz("x y z r g b\n0 0 0 300 0 0\n"));
        Assert.Equal("colour value 300 is outside 0..255", error.Reason);
    }

    [Fact]
    public void Header_without_x_y_z_is_refused()
    {
        var error = Assert.Throws<GeometryFileException>(() => ReadXyz("a b c\n1 2 3\n"));
        Assert.Equal("line 1 (header row)", error.Location);
    }
}
