using static Nlset.Geometry.Tests.IO.GeometryText;

namespace Nlset.Geometry.Tests.IO;

public class ObjReaderTests
{
    const string Square = "v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\n";

    [Fact]
    public void Every_face_form_and_negative_indices()
    {
        var mesh = Read("forms.obj",
            Square + "vt 0 0\nvt 1 0\nvt 1 1\nvn 0 0 1\n" +
            "f 1 2 3\nf 1/1 2/2 3/3\nf 1//1 3//1 4//1\nf 1/1/1 2/2/1 3/3/1\nf -4 -3 -2\nf -4/1 -2/3 -1/2\n");
        Assert.Equal([0, 1, 2, 0, 1, 2, 0, 2, 3, 0, 1, 2, 0, 1, 2, 0, 2, 3], mesh.Triangles);
    }

    [Fact]
    public void Negative_indices_count_back_from_the_latest_vertex_at_that_line()
    {
        var mesh = Read("neg.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf -3 -2 -1\nv 5 5 5\nf -4 -1 -2\n");
        Assert.Equal([0, 1, 2, 0, 3, 2], mesh.Triangles);
    }

    [Fact]
    public void Quads_and_pentagons_are_fan_triangulated()
    {
        var mesh = Read("poly.obj", Square + "v 0.5 1.5 0\nf 1 2 3 4\nf 1 2 3 5 4\n");
        Assert.Equal([0, 1, 2, 0, 2, 3, 0, 1, 2, 0, 2, 4, 0, 4, 3], mesh.Triangles);
    }

    [Fact]
    public void Polylines_from_l_statements()
    {
        var mesh = Read("curve.obj", Square + "vt 0 0\nl 1 2 3 4 1\nl 2/1 -1\n");
        Assert.Equal([[0, 1, 2, 3, 0], [1, 3]], mesh.Polylines);
        Assert.False(mesh.HasTriangles);
    }

    [Fact]
    public void Comments_blank_lines_crlf_extra_values_and_ignored_statements()
    {
        var mesh = Read("misc.obj",
            "# exported by a tool\r\n#second\r\n\r\nmtllib scene.mtl\r\no body\r\ng group\r\ns 1\r\nusemtl skin\r\n" +
            "v 1 2 3 1.0\r\n  v 4 5 6 0.1 0.2 0.3\r\n\tv 7 8 9 # trailing comment\r\n# not a header comment\r\n" +
            "vt 0.5 0.5\r\nvp 0.1\r\ncstype bezier\r\nf 1 2 3\r\n");
        Assert.Equal(["exported by a tool", "second"], mesh.Comments);
        Assert.Equal([new Vector3d(1, 2, 3), new Vector3d(4, 5, 6), new Vector3d(7, 8, 9)], mesh.Vertices);
        Assert.Equal([0, 1, 2], mesh.Triangles);
    }

    [Fact]
    public void Normals_consistent_through_face_references_become_per_vertex()
    {
        // vn listed in another order than v; vertex 3 gets normal 1 twice, through two equal-valued vn lines.
        var mesh = Read("n.obj", Square + "vn 0 0 -1\nvn 0 0 1\nvn 1 0 0\nvn 0 0 1\nf 1//2 2//1 3//3\nf 1//2 3//3 4//4\n");
        Assert.Equal([new Vector3d(0, 0, 1), new Vector3d(0, 0, -1), new Vector3d(1, 0, 0), new Vector3d(0, 0, 1)], mesh.Normals!);
    }

    [Fact]
    public void Normals_that_differ_per_face_are_dropped()
    {
        // Vertex 1 gets two different normals (faceted shading): no per-vertex normal exists.
        var mesh = Read("facet.obj", Square + "vn 0 0 1\nvn 1 0 0\nvn 0 1 0\nvn 0 0 -1\nf 1//1 2//1 3//1\nf 1//2 3//2 4//2\n");
        Assert.False(mesh.HasNormals);
        Assert.Equal(6, mesh.Triangles.Length);
    }

    [Fact]
    public void Normals_in_vertex_order_are_used_when_counts_match()
    {
        var mesh = Read("cloud.obj", "v 0 0 0\nv 1 0 0\nvn 0 0 1\nvn 0 1 0\n");
        Assert.Equal([new Vector3d(0, 0, 1), new Vector3d(0, 1, 0)], mesh.Normals!);
    }

    [Fact]
    public void Normals_that_do_not_map_one_to_one_are_dropped()
    {
        Assert.False(Read("few.obj", "v 0 0 0\nv 1 0 0\nvn 0 0 1\n").HasNormals);
        // Counts match, but the faces pair vertex 1 with normal 2, which contradicts the vertex-order pairing.
        Assert.False(Read("cross.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 5 5 5\nvn 1 0 0\nvn 0 1 0\nvn 0 0 1\nvn 1 1 1\nf 1//2 2//2 3//3\n").HasNormals);
        // Faces reference normals for only some vertices and the counts differ.
        Assert.False(Read("part.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 5 5 5\nvn 0 0 1\nf 1//1 2//1 3//1\n").HasNormals);
    }
}
