using Nlset.Geometry.IO;
using static Nlset.Geometry.Tests.IO.GeometryText;

namespace Nlset.Geometry.Tests.IO;

/// <summary>Bad binary big-endian PLY files: each refused with the element and the problem, as little-endian ones are.</summary>
public class PlyBigEndianTests
{
    static byte[] Ply(string elements, BinaryBody body) =>
        Concat(Ascii($"ply\nformat binary_big_endian 1.0\n{elements}end_header\n"), body.ToArray());

    const string Points = "element vertex 2\nproperty float x\nproperty float y\nproperty float z\n";
    const string Triangle = "element vertex 3\nproperty float x\nproperty float y\nproperty float z\nelement face 1\nproperty list uchar int vertex_indices\n";

    [Fact]
    public void Truncated_vertex_data_names_the_vertex()
    {
        var error = Assert.Throws<GeometryFileException>(() => Read("be.ply", Ply(Points, new BinaryBody(true).F32s(1, 2, 3, 4))));
        Assert.Equal("vertex 1", error.Location);
        Assert.Contains("the file ends early", error.Reason);
    }

    [Fact]
    public void Little_endian_bytes_under_a_big_endian_header_are_caught_by_the_index_check()
    {
        // The index 2 written little endian reads as 33554432 in big endian.
        var body = new BinaryBody(true).F32s(0, 0, 0, 1, 0, 0, 0, 1, 0).U8(3);
        var little = new BinaryBody(false).I32s(0, 1, 2).ToArray();
        var error = Assert.Throws<GeometryFileException>(() => Read("be.ply", Concat(Ply(Triangle, body), little)));
        Assert.Equal("face 0", error.Location);
        Assert.Contains("vertex index 16777216 is out of range (the file has 3 vertices)", error.Reason);
    }

    [Fact]
    public void Extra_bytes_after_the_last_element_are_refused()
    {
        var error = Assert.Throws<GeometryFileException>(() => Read("be.ply", Ply(Points, new BinaryBody(true).F32s(1, 2, 3, 4, 5, 6).U8(0))));
        Assert.Contains("1 bytes follow the last element", error.Message);
    }

    [Fact]
    public void Infinite_position_names_the_vertex()
    {
        var error = Assert.Throws<GeometryFileException>(() => Read("be.ply", Ply(Points, new BinaryBody(true).F32s(1, 2, 3, float.PositiveInfinity, 5, 6))));
        Assert.Equal("vertex 1", error.Location);
        Assert.StartsWith("a coordinate is not finite", error.Reason);
    }

    [Fact]
    public void Negative_list_length_is_refused()
    {
        const string header = "element vertex 1\nproperty float x\nproperty float y\nproperty float z\nproperty list int int extra\n";
        var error = Assert.Throws<GeometryFileException>(() => Read("be.ply", Ply(header, new BinaryBody(true).F32s(1, 2, 3).I32(-4))));
        Assert.Equal("vertex 0", error.Location);
        Assert.Contains("negative length -4", error.Reason);
    }

    [Fact]
    public void A_huge_declared_count_fails_where_the_data_ends()
    {
        var error = Assert.Throws<GeometryFileException>(() => Read("be.ply",
            Ply("element vertex 2000000000\nproperty float x\nproperty float y\nproperty float z\n", new BinaryBody(true).F32s(1, 2, 3))));
        Assert.Equal("vertex 1", error.Location);
    }
}
