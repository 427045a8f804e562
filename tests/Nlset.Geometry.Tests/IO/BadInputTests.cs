using Nlset.Geometry.IO;
using static Nlset.Geometry.Tests.IO.GeometryText;

namespace Nlset.Geometry.Tests.IO;

/// <summary>Every kind of bad file is a GeometryFileException naming the file, where, and why — never a raw runtime exception.</summary>
public class BadInputTests
{
    const string XyzFloatHeader = "element vertex 3\nproperty float x\nproperty float y\nproperty float z\n";
    const string AsciiTriangle = "ply\nformat ascii 1.0\n" + XyzFloatHeader + "element face 1\nproperty list uchar int vertex_indices\nend_header\n";

    static byte[] BinaryPly(string declarations, BinaryBody body) =>
        Concat(Ascii("ply\nformat binary_little_endian 1.0\n" + declarations + "end_header\n"), body.ToArray());

    // ---- PLY body ----

    [Fact]
    public void Ply_truncated_binary_vertices() =>
        MeshAssert.Fails(() => Read("cut.ply", BinaryPly(XyzFloatHeader, new BinaryBody(false).F32s(0, 0, 0, 1, 1, 1, 2, 2))),
            "cut.ply", "vertex 2", "truncated");

    [Fact]
    public void Ply_truncated_binary_faces() =>
        MeshAssert.Fails(() => Read("cut.ply", BinaryPly(XyzFloatHeader + "element face 2\nproperty list uchar int vertex_indices\n",
                new BinaryBody(false).F32s(0, 0, 0, 1, 0, 0, 0, 1, 0).U8(3).I32s(0, 1, 2).U8(3).I32s(0, 1))),
            "cut.ply", "face 1", "truncated");

    [Fact]
    public void Ply_count_far_beyond_the_data_fails_where_the_data_ends_without_allocating_it() =>
        MeshAssert.Fails(() => Read("huge.ply", BinaryPly("element vertex 2000000000\nproperty double x\nproperty double y\nproperty double z\n",
                new BinaryBody(false).F32s(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))),
            "huge.ply", "vertex 2", "truncated");

    [Fact]
    public void Ply_face_count_far_beyond_the_data_fails_where_the_data_ends() =>
        MeshAssert.Fails(() => Read("huge.ply", BinaryPly(XyzFloatHeader + "element face 2000000000\nproperty list uchar int vertex_indices\n",
                new BinaryBody(false).F32s(0, 0, 0, 1, 0, 0, 0, 1, 0).U8(3).I32s(0, 1, 2))),
            "huge.ply", "face 1", "truncated");

    [Fact]
    public void Ply_ascii_count_far_beyond_the_data_fails_where_the_data_ends() =>
        MeshAssert.Fails(() => Read("huge.ply", "ply\nformat ascii 1.0\nelement vertex 2147483647\nproperty float x\nproperty float y\nproperty float z\nend_header\n1 2 3\n"),
            "huge.ply", "vertex 1", "ends early");

    [Fact]
    public void Ply_binary_bytes_after_the_last_element() =>
        MeshAssert.Fails(() => Read("long.ply", BinaryPly(XyzFloatHeader, new BinaryBody(false).F32s(0, 0, 0, 1, 1, 1, 2, 2, 2, 3))),
            "long.ply", "end of data", "element counts do not match the data");

    [Fact]
    public void Ply_ascii_fewer_lines_than_declared() =>
        MeshAssert.Fails(() => Read("short.ply", AsciiTriangle + "0 0 0\n1 0 0\n"), "short.ply", "vertex 2", "ends early");

    [Fact]
    public void Ply_ascii_more_lines_than_declared() =>
        MeshAssert.Fails(() => Read("long.ply", AsciiTriangle + "0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n3 0 1 2\n"),
            "long.ply", "line 14", "element counts do not match the data");

    [Fact]
    public void Ply_ascii_too_few_values_on_a_line() =>
        MeshAssert.Fails(() => Read("few.ply", AsciiTriangle + "0 0 0\n1 0\n0 1 0\n3 0 1 2\n"), "few.ply", "line 11 (vertex 1)", "too few values");

    [Fact]
    public void Ply_ascii_too_many_values_on_a_line() =>
        MeshAssert.Fails(() => Read("many.ply", AsciiTriangle + "0 0 0 7\n1 0 0\n0 1 0\n3 0 1 2\n"), "many.ply", "line 10 (vertex 0)", "more values than the header declares");

    [Fact]
    public void Ply_ascii_face_index_out_of_range() =>
        MeshAssert.Fails(() => Read("idx.ply", AsciiTriangle + "0 0 0\n1 0 0\n0 1 0\n3 0 1 3\n"), "idx.ply", "line 13 (face 0)", "vertex index 3 is out of range");

    [Fact]
    public void Ply_binary_negative_face_index() =>
        MeshAssert.Fails(() => Read("neg.ply", BinaryPly(XyzFloatHeader + "element face 2\nproperty list uchar int vertex_indices\n",
                new BinaryBody(false).F32s(0, 0, 0, 1, 0, 0, 0, 1, 0).U8(3).I32s(0, 1, 2).U8(3).I32s(0, -1, 2))),
            "neg.ply", "face 1", "vertex index -1 is out of range");

    [Fact]
    public void Ply_face_with_two_vertices() =>
        MeshAssert.Fails(() => Read("two.ply", AsciiTriangle + "0 0 0\n1 0 0\n0 1 0\n2 0 1\n"), "two.ply", "line 13 (face 0)", "at least 3 vertices");

    [Fact]
    public void Ply_edge_index_out_of_range() =>
        MeshAssert.Fails(() => Read("edge.ply", BinaryPly(XyzFloatHeader + "element edge 1\nproperty int vertex1\nproperty int vertex2\n",
                new BinaryBody(false).F32s(0, 0, 0, 1, 0, 0, 0, 1, 0).I32s(2, 3))),
            "edge.ply", "edge 0", "vertex index 3 is out of range");

    [Fact]
    public void Ply_binary_nan_coordinate() =>
        MeshAssert.Fails(() => Read("nan.ply", BinaryPly(XyzFloatHeader, new BinaryBody(false).F32s(0, 0, 0, 1, float.NaN, 0, 0, 1, 0))),
            "nan.ply", "vertex 1", "not finite");

    [Fact]
    public void Ply_binary_infinite_normal_drops_the_normals_not_the_points()
    {
        var warnings = new List<string>();
        var mesh = Read("inf.ply", BinaryPly("element vertex 1\nproperty double x\nproperty double y\nproperty double z\nproperty double nx\nproperty double ny\nproperty double nz\n",
            new BinaryBody(false).F64(0).F64(0).F64(0).F64(double.NegativeInfinity).F64(0).F64(0)), new GeometryReadOptions { Warning = warnings.Add });
        Assert.Equal(1, mesh.VertexCount);
        Assert.False(mesh.HasNormals);
        Assert.Equal(["inf.ply: 1 of 1 vertices have a non-finite normal (first at vertex 0): the normals are dropped, the points kept"], warnings);
    }

    [Theory]
    [InlineData("inf", "'inf' is not a finite number")]
    [InlineData("nan", "not finite")]
    [InlineData("1e999", "not finite")]
    [InlineData("1.2.3", "malformed number '1.2.3'")]
    [InlineData("0x1F", "malformed number '0x1F'")]
    public void Ply_ascii_bad_numbers(string value, string reason) =>
        MeshAssert.Fails(() => Read("num.ply", AsciiTriangle + $"0 0 0\n1 {value} 0\n0 1 0\n3 0 1 2\n"), "num.ply", "line 11 (vertex 1)", reason);

    [Fact]
    public void Ply_ascii_integer_out_of_its_type_range() =>
        MeshAssert.Fails(() => Read("range.ply", "ply\nformat ascii 1.0\nelement vertex 1\nproperty uchar x\nproperty float y\nproperty float z\nend_header\n300 0 0\n"),
            "range.ply", "line 8 (vertex 0)", "300 is out of range for uchar");

    // ---- PLY header ----

    [Theory]
    [InlineData("ply\nformat ascii 1.0\nelement face 0\nproperty list uchar int vertex_indices\nend_header\n", "header", "no vertex element")]
    [InlineData("ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\nend_header\n0 0\n", "header", "no x, y and z")]
    [InlineData("ply\nformat binary_middle_endian 1.0\nelement vertex 0\nend_header\n", "header line 2", "unsupported PLY format 'binary_middle_endian'")]
    [InlineData("ply\nformat ascii 1.0\nelement vertex 1\nproperty float128 x\nend_header\n", "header line 4", "unknown property type 'float128'")]
    [InlineData("ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\n", "header", "no end_header")]
    [InlineData("ply\nelement vertex 0\nproperty float x\nproperty float y\nproperty float z\nend_header\n", "header", "no format line")]
    [InlineData("ply\nformat ascii 1.0\nproperty float x\nend_header\n", "header line 3", "before any element")]
    [InlineData("ply\nformat ascii 1.0\nelement vertex -4\nend_header\n", "header line 3", "invalid count '-4'")]
    [InlineData("ply\nformat ascii 1.0\nmaterial 3\nend_header\n", "header line 3", "unknown header keyword 'material'")]
    [InlineData("ply\nformat ascii 1.0\n" + XyzFloatHeader + "element face 0\nproperty int vertex_indices\nend_header\n", "header", "not a list")]
    [InlineData("ply\nformat ascii 1.0\n" + XyzFloatHeader + "element face 0\nproperty list uchar int corners\nend_header\n", "header", "no vertex_indices list")]
    [InlineData("ply\nformat ascii 1.0\n" + XyzFloatHeader + "element face 0\nproperty list float int vertex_indices\nend_header\n", "header line 8", "not an integer type")]
    [InlineData("ply\nformat ascii 1.0\n" + XyzFloatHeader + "element edge 0\nproperty int vertex1\nend_header\n", "header", "no vertex1 and vertex2")]
    [InlineData("v 1 2 3\n", "header", "not a PLY file")]
    public void Ply_bad_headers(string content, string location, string reason) =>
        MeshAssert.Fails(() => Read("bad.ply", content), "bad.ply", location, reason);

    // ---- OBJ ----

    [Theory]
    [InlineData("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 9\n", "line 4", "vertex index 9 is out of range")]
    [InlineData("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 -4\n", "line 4", "vertex index -4 is out of range")]
    [InlineData("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 0 1 2\n", "line 4", "index 0 is invalid")]
    [InlineData("v 0 0 0\nv 1 0 0\nf 1 2 3\nv 0 1 0\n", "line 3", "vertex index 3 is out of range")]
    [InlineData("v 0 0 0\nv 1 0 0\nv 0 1 0\nvn 0 0 1\nf 1//1 2//1 3//5\n", "line 5", "normal index 5 is out of range")]
    [InlineData("v 0 0 0\nv 1 0 0\nf 1 2\n", "line 3", "at least 3 vertices")]
    [InlineData("v 0 0 0\nl 1\n", "line 2", "at least 2 vertices")]
    [InlineData("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 x\n", "line 4", "'x' is not a vertex index")]
    [InlineData("# c\nv 1 2 x\n", "line 2", "malformed number 'x'")]
    [InlineData("v 1 2\n", "line 1", "needs 3 values")]
    [InlineData("v 0 0 0\nv NaN 0 0\n", "line 2", "not finite")]
    [InlineData("v 0 0 0\nv -inf 0 0\n", "line 2", "a coordinate is not finite")]
    public void Obj_bad_statements(string content, string location, string reason) =>
        MeshAssert.Fails(() => Read("bad.obj", content), "bad.obj", location, reason);

    // ---- OFF ----

    [Theory]
    [InlineData("COLOR\n3 1 0\n", "line 1", "not an OFF file")]
    [InlineData("4OFF\n1 0 0\n0 0 0 1\n", "line 1", "not supported")]
    [InlineData("nOFF\n3\n1 0 0\n0 0 0\n", "line 1", "not supported")]
    [InlineData("OFF BINARY\n", "line 1", "binary OFF is not supported")]
    [InlineData("OFF\n", "line 1", "ends before the vertex and face counts")]
    [InlineData("OFF\n3 x 0\n", "line 2", "invalid face count 'x'")]
    [InlineData("OFF\n3 1 0\n0 0 0\n1 0 0\n", "vertex 2", "ends early")]
    [InlineData("OFF\n3 2 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n", "face 1", "ends early")]
    [InlineData("OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 7\n", "line 6", "face 0: vertex index 7 is out of range")]
    [InlineData("OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1\n", "line 6", "lists 2 of its 3 vertex indices")]
    [InlineData("OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n2 0 1\n", "line 6", "at least 3 vertices")]
    [InlineData("OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n3 0 1 2\n", "line 7", "do not match the data")]
    [InlineData("OFF\n3 1 0\n0 0 0\n1 0\n0 1 0\n3 0 1 2\n", "line 4", "vertex 1 needs 3 values")]
    [InlineData("NOFF\n1 0 0\n0 0 0 0 0\n", "line 3", "vertex 0 needs 6 values")]
    [InlineData("OFF\n1 0 0\n0 nan 0\n", "line 3", "not finite")]
    public void Off_bad_files(string content, string location, string reason) =>
        MeshAssert.Fails(() => Read("bad.off", content), "bad.off", location, reason);

    // ---- XYZ ----

    [Theory]
    [InlineData("1 2\n", "line 1", "this line has 2 values")]
    [InlineData("1 2 3 0 0 1\n1 2 3\n", "line 2", "3 values where the first point has 6")]
    [InlineData("# head\n\n1 2 abc\n", "line 3", "malformed number 'abc'")]
    [InlineData("1 2 3\n1 inf 3\n", "line 2", "a coordinate is not finite")]
    [InlineData("1 2 1e999\n", "line 1", "not finite")]
    public void Xyz_bad_rows(string content, string location, string reason) =>
        MeshAssert.Fails(() => Read("bad.xyz", content), "bad.xyz", location, reason);

    // ---- whole files ----

    [Theory]
    [InlineData("e.ply")]
    [InlineData("e.obj")]
    [InlineData("e.off")]
    [InlineData("e.xyz")]
    [InlineData("e")]
    public void Empty_or_blank_files(string name)
    {
        foreach (var content in new[] { "", " \n\r\n\t\n" })
        {
            var error = Assert.Throws<GeometryFileException>(() => Read(name, content));
            Assert.Equal($"{name}: the file is empty", error.Message);
        }
    }

    [Fact]
    public void Missing_file_and_directory()
    {
        using var scratch = new ScratchDirectory();
        string missing = scratch.File("nope.ply");
        var error = Assert.Throws<GeometryFileException>(() => GeometryFiles.Read(missing));
        Assert.Equal($"{missing}: no such file", error.Message);
        string noExtension = scratch.File("nope");
        Assert.Equal($"{noExtension}: no such file", Assert.Throws<GeometryFileException>(() => GeometryFiles.DetectFormat(noExtension)).Message);
        Assert.Contains("is a directory", Assert.Throws<GeometryFileException>(() => GeometryFiles.Read(scratch.Path)).Message);
    }

    [Fact]
    public void Unrecognisable_content_without_extension()
    {
        var error = Assert.Throws<GeometryFileException>(() => Read("blob", Concat([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A], Ascii("garbage"))));
        Assert.Equal("blob: unknown format: the content is not PLY, OBJ, OFF, STL or XYZ", error.Message);
    }
}
