using Nlset.Geometry.IO;
using Nlset.Geometry.Shapes;
using static Nlset.Geometry.Tests.IO.GeometryText;

namespace Nlset.Geometry.Tests.IO;

/// <summary>STL in both encodings: what comes back, and the same checks as the other readers.</summary>
public class StlTests
{
    static Mesh Sphere() => Icosphere.Create(1);

    [Theory]
    [InlineData(StlEncoding.Binary)]
    [InlineData(StlEncoding.Ascii)]
    public void A_closed_mesh_comes_back_closed_with_float32_corners(StlEncoding encoding)
    {
        var sphere = Sphere();
        using var scratch = new ScratchDirectory();
        string path = scratch.File("sphere.stl");
        GeometryFiles.Write(path, sphere, new GeometryWriteOptions(StlEncoding: encoding));
        var read = GeometryFiles.Read(path);
        Assert.Equal(sphere.VertexCount, read.VertexCount);
        Assert.Equal(sphere.TriangleCount, read.TriangleCount);
        Assert.True(MeshTopology.Of(read).IsWatertight);
        for (int t = 0; t < sphere.TriangleCount; t++)
        {
            var (a, b, c) = sphere.Triangle(t);
            var (ra, rb, rc) = read.Triangle(t);
            Assert.Equal(Float32(sphere.Vertices[a]), read.Vertices[ra]);
            Assert.Equal(Float32(sphere.Vertices[b]), read.Vertices[rb]);
            Assert.Equal(Float32(sphere.Vertices[c]), read.Vertices[rc]);
        }
        if (encoding == StlEncoding.Binary) Assert.Equal(84 + 50 * sphere.TriangleCount, new FileInfo(path).Length);
        else Assert.StartsWith("solid nlset\n  facet normal", File.ReadAllText(path));
    }

    static Vector3d Float32(Vector3d v) => new((float)v.X, (float)v.Y, (float)v.Z);

    [Fact]
    public void A_point_cloud_is_not_written_as_stl()
    {
        using var scratch = new ScratchDirectory();
        var error = Assert.Throws<GeometryFileException>(() => GeometryFiles.Write(scratch.File("c.stl"), Mesh.PointCloud([Vector3d.Zero])));
        Assert.Contains("STL holds only triangles", error.Reason);
        Assert.Empty(scratch.Entries());
    }

    [Fact]
    public void Truncated_binary_stl_is_refused_before_reading()
    {
        var data = new byte[84 + 50 * 2 - 7];
        BitConverter.GetBytes(2u).CopyTo(data, 80);
        var error = Assert.Throws<GeometryFileException>(() => Read("t.stl", data));
        Assert.Equal("header", error.Location);
        Assert.Contains("declares 2 triangles, which take 184 bytes, but the file has 177", error.Reason);
    }

    [Theory]
    [InlineData("solid s\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nendloop\nendfacet\nendsolid\n", "line 6", "a facet needs 3 vertices, this one lists 2")]
    [InlineData("solid s\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 x 0\n", "line 5", "malformed number 'x'")]
    [InlineData("solid s\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\n", null, "the file ends before 'endsolid': it is truncated")]
    [InlineData("solid s\nvertex 0 0 0\n", "line 2", "'vertex' outside an 'outer loop'")]
    [InlineData("solid s\nfacet normal 0 0 1\nouter loop\nvertex 0 0 nan\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid\n", "triangle 0", "a coordinate is not finite")]
    public void Bad_ascii_stl_names_the_line_and_the_problem(string content, string? location, string reason)
    {
        var error = Assert.Throws<GeometryFileException>(() => Read("bad.stl", content));
        Assert.Equal(location, error.Location);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void Skipping_invalid_points_drops_the_triangles_that_use_them()
    {
        const string content = "solid s\nfacet normal 0 0 1\nouter loop\nvertex 0 0 nan\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\n"
            + "facet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid\n";
        var warnings = new List<string>();
        var mesh = Read("s.stl", content, new GeometryReadOptions { SkipInvalidPoints = true, Warning = warnings.Add });
        Assert.Equal(3, mesh.VertexCount);
        Assert.Equal(1, mesh.TriangleCount);
        Assert.Equal("s.stl: left out 1 of 4 points with a non-finite coordinate (first at triangle 0) and the 1 triangles that use them (SkipInvalidPoints)", Assert.Single(warnings));
    }
}
