using Nlset.Geometry.IO;
using static Nlset.Geometry.Tests.IO.GeometryText;

namespace Nlset.Geometry.Tests.IO;

/// <summary>Per-vertex colours survive the formats that can hold them (PLY, XYZ) and normalisation.</summary>
public class VertexColorTests
{
    static readonly Mesh Coloured = new([new Vector3d(0, 0, 0), new Vector3d(2, 1, 0.5)], colors: [new VertexColor(255, 0, 0), new VertexColor(1, 2, 3)]);

    [Theory]
    [InlineData(".ply", PlyEncoding.BinaryLittleEndian)]
    [InlineData(".ply", PlyEncoding.BinaryBigEndian)]
    [InlineData(".ply", PlyEncoding.Ascii)]
    [InlineData(".xyz", PlyEncoding.Ascii)]
    [InlineData(".csv", PlyEncoding.Ascii)]
    public void Colours_round_trip(string extension, PlyEncoding encoding)
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("c" + extension);
        GeometryFiles.Write(path, Coloured, new GeometryWriteOptions(encoding));
        var read = GeometryFiles.Read(path);
        Assert.Equal(Coloured.Colors, read.Colors);
        Assert.Equal(Coloured.Vertices, read.Vertices);
        Assert.False(read.HasNormals);
    }

    [Fact]
    public void Normalisation_keeps_colours()
    {
        var normalised = Normalization.FitUnitBox(Coloured.Vertices).Apply(Coloured);
        Assert.Equal(Coloured.Colors, normalised.Colors);
    }

    [Fact]
    public void Float_ply_colours_are_read_as_fractions()
    {
        var mesh = Read("f.ply", "ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\nproperty float z\n"
            + "property float red\nproperty float green\nproperty float blue\nend_header\n0 0 0 1 0.5 0\n");
        Assert.Equal(new VertexColor(255, 128, 0), Assert.Single(mesh.Colors!));
    }

    [Fact]
    public void Only_ply_and_xyz_keep_colours()
    {
        Assert.True(GeometryFiles.KeepsColors(GeometryFormat.Ply));
        Assert.True(GeometryFiles.KeepsColors(GeometryFormat.Xyz));
        Assert.False(GeometryFiles.KeepsColors(GeometryFormat.Obj));
        Assert.False(GeometryFiles.KeepsColors(GeometryFormat.Off));
        Assert.False(GeometryFiles.KeepsColors(GeometryFormat.Stl));
    }
}
