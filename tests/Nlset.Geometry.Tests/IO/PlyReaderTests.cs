using Nlset.Geometry.IO;
using static Nlset.Geometry.Tests.IO.GeometryText;

namespace Nlset.Geometry.Tests.IO;

/// <summary>Hand-written PLY files covering the variants tools produce.</summary>
public class PlyReaderTests
{
    [Fact]
    public void Ascii_with_comments_obj_info_and_crlf()
    {
        var mesh = Read("a.ply",
            "ply\r\nformat ascii 1.0\r\ncomment made by hand\r\nobj_info num_cols 3\r\ncomment   spaced\r\n" +
            "element vertex 3\r\nproperty float x\r\nproperty float y\r\nproperty float z\r\n" +
            "element face 1\r\nproperty list uchar int vertex_indices\r\nend_header\r\n" +
            "0 0 0\r\n1 0 0\r\n0 1.5 -2\r\n3 0 1 2\r\n");
        Assert.Equal(["made by hand", "  spaced"], mesh.Comments);
        Assert.Equal([new Vector3d(0, 0, 0), new Vector3d(1, 0, 0), new Vector3d(0, 1.5, -2)], mesh.Vertices);
        Assert.Equal([0, 1, 2], mesh.Triangles);
        Assert.False(mesh.HasNormals);
    }

    [Fact]
    public void Ascii_float_values_are_parsed_as_float32()
    {
        // "0.1" declared float means the float nearest 0.1, not the double nearest it: binary and ascii must agree.
        var mesh = Read("a.ply", "ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty double y\nproperty float z\nend_header\n0.1 0.1 1e-3\n");
        Assert.Equal(new Vector3d(0.1f, 0.1, 1e-3f), mesh.Vertices[0]);
    }

    [Fact]
    public void Big_endian_doubles_with_normals()
    {
        var body = new BinaryBody(bigEndian: true)
            .F64(1.0 / 3).F64(-0.0).F64(1e300).F64(0).F64(0).F64(1)
            .F64(2).F64(3).F64(4).F64(0.6).F64(0.8).F64(0);
        var mesh = Read("be.ply", Concat(Ascii(
            "ply\nformat binary_big_endian 1.0\nelement vertex 2\n" +
            "property double x\nproperty double y\nproperty double z\nproperty double nx\nproperty double ny\nproperty double nz\nend_header\n"), body.ToArray()));
        MeshAssert.BitExact([new Vector3d(1.0 / 3, -0.0, 1e300), new Vector3d(2, 3, 4)], mesh.Vertices);
        Assert.Equal([new Vector3d(0, 0, 1), new Vector3d(0.6, 0.8, 0)], mesh.Normals!);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Binary_skips_other_elements_with_list_properties_in_any_order(bool bigEndian)
    {
        // A material element (with lists) before the vertices, faces before the vertices, extra face lists and
        // scalars around vertex_indices, and a trailing element: everything but x y z and the indices is skipped.
        var body = new BinaryBody(bigEndian)
            .U8(2).F32s(0.5f, 0.25f).I16(-7)              // material 0: list of 2 floats, short
            .U8(0).I16(9)                                  // material 1: empty list
            .U8(200).U8(3).I32s(0, 1, 2).U8(4).F32s(0, 0, 1, 1).I32(-1)   // face 0: red, indices, texcoord list, flags
            .U8(201).U8(4).I32s(3, 2, 1, 0).U8(0).I32(-2)                  // face 1: a quad
            .F32s(1, 2, 3).U8(255).U8(1).F64(9.5)          // vertex 0: x y z, red, list of 1 double
            .F32s(4, 5, 6).U8(0).U8(0)
            .F32s(7, 8, 9).U8(1).U8(2).F64(1).F64(2)
            .F32s(-1, -2, -3).U8(2).U8(0)
            .U8(3).U32(1).U32(2).U32(3);                    // trailing element with a uint list
        var header = Ascii(
            "ply\nformat " + (bigEndian ? "binary_big_endian" : "binary_little_endian") + " 1.0\n" +
            "element material 2\nproperty list uchar float coefficients\nproperty short id\n" +
            "element face 2\nproperty uchar red\nproperty list uchar int vertex_indices\nproperty list uchar float texcoord\nproperty int flags\n" +
            "element vertex 4\nproperty float x\nproperty float y\nproperty float z\nproperty uchar red\nproperty list uchar double weights\n" +
            "element extra 1\nproperty list uchar uint values\nend_header\n");
        var mesh = Read("skip.ply", Concat(header, body.ToArray()));
        Assert.Equal([new Vector3d(1, 2, 3), new Vector3d(4, 5, 6), new Vector3d(7, 8, 9), new Vector3d(-1, -2, -3)], mesh.Vertices);
        Assert.Equal([0, 1, 2, 3, 2, 1, 3, 1, 0], mesh.Triangles);
    }

    [Fact]
    public void Ascii_skips_other_elements_with_list_properties()
    {
        var mesh = Read("skip.ply",
            "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty list uchar float junk\nproperty float y\nproperty float z\n" +
            "element material 2\nproperty list int int values\nproperty uchar id\n" +
            "element face 1\nproperty list uchar int vertex_indices\nend_header\n" +
            "1 2 0.5 0.25 2 3\n4 0 5 6\n7 1 9 8 9\n3 10 20 30 1\n0 2\n3 2 1 0\n");
        Assert.Equal([new Vector3d(1, 2, 3), new Vector3d(4, 5, 6), new Vector3d(7, 8, 9)], mesh.Vertices);
        Assert.Equal([2, 1, 0], mesh.Triangles);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Small_integer_types_in_any_property_order(bool bigEndian)
    {
        var body = new BinaryBody(bigEndian)
            .U16(65535).I8(-128).U8(255)
            .U16(7).I8(5).U8(0)
            .U16(0).I8(0).U8(1)
            .U16(3).U16(0).U16(1).U16(2);
        var header = Ascii(
            "ply\nformat " + (bigEndian ? "binary_big_endian" : "binary_little_endian") + " 1.0\n" +
            "element vertex 3\nproperty ushort z\nproperty char y\nproperty uchar x\n" +
            "element face 1\nproperty list ushort ushort vertex_indices\nend_header\n");
        var mesh = Read("small.ply", Concat(header, body.ToArray()));
        Assert.Equal([new Vector3d(255, -128, 65535), new Vector3d(0, 5, 7), new Vector3d(1, 0, 0)], mesh.Vertices);
        Assert.Equal([0, 1, 2], mesh.Triangles);

        var ascii = Read("small.ply",
            "ply\nformat ascii 1.0\nelement vertex 3\nproperty ushort z\nproperty char y\nproperty uchar x\n" +
            "element face 1\nproperty list ushort ushort vertex_indices\nend_header\n65535 -128 255\n7 5 0\n0 0 1\n3 0 1 2\n");
        Assert.Equal(mesh.Vertices, ascii.Vertices);
        Assert.Equal(mesh.Triangles, ascii.Triangles);
    }

    [Fact]
    public void Sized_type_aliases_are_read()
    {
        var body = new BinaryBody(bigEndian: false)
            .I8(-1).U8(2).I16(-3).U16(4).I32(-5).U32(6).F32(0.5f).F64(0.25)
            .U32(3).I32(0).I32(0).I32(0);
        var header = Ascii(
            "ply\nformat binary_little_endian 1.0\nelement vertex 1\n" +
            "property int8 a\nproperty uint8 b\nproperty int16 x\nproperty uint16 c\nproperty int32 y\nproperty uint32 d\nproperty float32 z\nproperty float64 e\n" +
            "element face 1\nproperty list uint32 int32 vertex_indices\nend_header\n");
        var mesh = Read("alias.ply", Concat(header, body.ToArray()));
        Assert.Equal([new Vector3d(-3, -5, 0.5)], mesh.Vertices);
        Assert.Equal([0, 0, 0], mesh.Triangles);
    }

    [Fact]
    public void Vertex_index_alias_and_polygons_are_fan_triangulated()
    {
        var mesh = Read("poly.ply",
            "ply\nformat ascii 1.0\nelement vertex 6\nproperty double x\nproperty double y\nproperty double z\n" +
            "element face 3\nproperty list uchar uint vertex_index\nend_header\n" +
            "0 0 0\n1 0 0\n1 1 0\n0 1 0\n0.5 1.5 0\n2 2 2\n" +
            "4 0 1 2 3\n5 0 1 2 4 3\n3 5 4 3\n");
        Assert.Equal([0, 1, 2, 0, 2, 3, 0, 1, 2, 0, 2, 4, 0, 4, 3, 5, 4, 3], mesh.Triangles);
    }

    [Fact]
    public void Normals_in_any_order_among_other_vertex_properties()
    {
        var mesh = Read("n.ply",
            "ply\nformat ascii 1.0\nelement vertex 2\nproperty float nz\nproperty uchar red\nproperty float x\nproperty float ny\n" +
            "property float y\nproperty float quality\nproperty float nx\nproperty float z\nend_header\n" +
            "1 255 10 0 20 0.5 0 30\n0 0 -1 1 -2 0 0 -3\n");
        Assert.Equal([new Vector3d(10, 20, 30), new Vector3d(-1, -2, -3)], mesh.Vertices);
        Assert.Equal([new Vector3d(0, 0, 1), new Vector3d(0, 1, 0)], mesh.Normals!);
    }

    [Fact]
    public void Partial_normals_are_ignored()
    {
        var mesh = Read("n.ply", "ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\nproperty float z\nproperty float nx\nend_header\n1 2 3 4\n");
        Assert.False(mesh.HasNormals);
        Assert.Equal([new Vector3d(1, 2, 3)], mesh.Vertices);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Edge_element_becomes_two_vertex_polylines(bool binary)
    {
        const string declarations = "element vertex 3\nproperty float x\nproperty float y\nproperty float z\n" +
                                    "element edge 2\nproperty int vertex1\nproperty uchar red\nproperty uint vertex2\nend_header\n";
        Mesh mesh = binary
            ? Read("e.ply", Concat(Ascii("ply\nformat binary_little_endian 1.0\n" + declarations),
                new BinaryBody(false).F32s(0, 0, 0, 1, 0, 0, 1, 1, 0).I32(0).U8(9).U32(1).I32(2).U8(9).U32(0).ToArray()))
            : Read("e.ply", "ply\nformat ascii 1.0\n" + declarations + "0 0 0\n1 0 0\n1 1 0\n0 9 1\n2 9 0\n");
        Assert.Equal([[0, 1], [2, 0]], mesh.Polylines);
        Assert.False(mesh.HasTriangles);
    }
}
