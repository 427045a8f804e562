using Nlset.Geometry.IO;

namespace Nlset.Geometry.Tests.IO;

/// <summary>Bit-exact comparison of meshes (double equality would let -0.0 pass for 0.0) and file-error checks.</summary>
public static class MeshAssert
{
    public static void BitExact(Vector3d[] expected, Vector3d[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            for (int axis = 0; axis < 3; axis++)
                if (BitConverter.DoubleToInt64Bits(expected[i][axis]) != BitConverter.DoubleToInt64Bits(actual[i][axis]))
                    Assert.Fail($"element {i} axis {axis}: expected {expected[i][axis]:R}, got {actual[i][axis]:R}");
    }

    public static void Identical(Mesh expected, Mesh actual, bool comments = true)
    {
        BitExact(expected.Vertices, actual.Vertices);
        Assert.Equal(expected.HasNormals, actual.HasNormals);
        if (expected.Normals != null) BitExact(expected.Normals, actual.Normals!);
        Assert.Equal(expected.Triangles, actual.Triangles);
        Assert.Equal(expected.Polylines.Count, actual.Polylines.Count);
        for (int p = 0; p < expected.Polylines.Count; p++) Assert.Equal(expected.Polylines[p], actual.Polylines[p]);
        if (comments) Assert.Equal(expected.Comments, actual.Comments);
    }

    /// <summary>Asserts that reading fails with a message naming the file, the location and the reason.</summary>
    public static GeometryFileException Fails(Func<Mesh> read, string file, string location, string reason)
    {
        var error = Assert.Throws<GeometryFileException>(() => read());
        Assert.Contains(file, error.Message);
        Assert.Contains(location, error.Message);
        Assert.Contains(reason, error.Message);
        Assert.Equal(location, error.Location);
        return error;
    }
}
