using System.Text;
using Nlset.Geometry.IO;

namespace Nlset.Geometry.Tests.IO;

/// <summary>Every writer/reader pair gives back the same bits and the same topology for the data the format can hold.</summary>
public class RoundTripTests
{
    /// <summary>Coordinates that float32 cannot hold, plus the awkward cases of text formatting: -0, subnormals, extremes.</summary>
    static Vector3d[] DoublePoints(int count, int seed)
    {
        var random = new Random(seed);
        var points = new List<Vector3d>
        {
            new(-0.0, 0.1, 1.0 / 3.0),
            new(double.Epsilon, -double.Epsilon, 4.9e-310),
            new(double.MaxValue, double.MinValue, 1e-300),
            new(123456789.123456789, -2.5e-17, Math.PI),
        };
        while (points.Count < count)
            points.Add(new Vector3d(random.NextDouble() * 2 - 1, (random.NextDouble() - 0.5) * 1e6, random.NextDouble() * 1e-6));
        return [.. points];
    }

    static Vector3d[] FloatPoints(int count, int seed)
    {
        var random = new Random(seed);
        var points = new Vector3d[count];
        points[0] = new Vector3d(-0.0f, float.Epsilon, float.MaxValue);
        for (int i = 1; i < count; i++)
            points[i] = new Vector3d((float)random.NextDouble(), (float)(random.NextDouble() * 100 - 50), (float)-random.NextDouble());
        return points;
    }

    static int[] RandomTriangles(int count, int vertexCount, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 3 * count).Select(_ => random.Next(vertexCount)).ToArray();
    }

    static Mesh FullMesh(bool floatExact, IReadOnlyList<int[]> polylines)
    {
        var vertices = floatExact ? FloatPoints(40, 1) : DoublePoints(40, 1);
        var normals = floatExact ? FloatPoints(40, 2) : DoublePoints(40, 2);
        return new Mesh(vertices, normals, RandomTriangles(25, vertices.Length, 3), polylines)
        {
            Comments = ["written by a test", "  indented comment with trailing spaces  ", "", "ünïcode"],
        };
    }

    static readonly int[][] TwoPointPolylines = [[0, 1], [5, 9], [39, 0]];
    static readonly int[][] ChainPolylines = [[0, 1, 2, 3], [7, 8, 9, 7], [20, 21]];

    static Mesh WriteAndRead(Mesh mesh, string extension, GeometryWriteOptions? options = null)
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("mesh" + extension);
        GeometryFiles.Write(path, mesh, options);
        var read = GeometryFiles.Read(path);
        Assert.Equal(["mesh" + extension], scratch.Entries());
        return read;
    }

    [Theory]
    [InlineData(PlyEncoding.Ascii, false)]
    [InlineData(PlyEncoding.Ascii, true)]
    [InlineData(PlyEncoding.BinaryLittleEndian, false)]
    [InlineData(PlyEncoding.BinaryLittleEndian, true)]
    [InlineData(PlyEncoding.BinaryBigEndian, false)]
    [InlineData(PlyEncoding.BinaryBigEndian, true)]
    public void Ply_keeps_vertices_normals_faces_edges_and_comments(PlyEncoding encoding, bool floatExact)
    {
        var mesh = FullMesh(floatExact, TwoPointPolylines);
        MeshAssert.Identical(mesh, WriteAndRead(mesh, ".ply", new GeometryWriteOptions(encoding)));
    }

    [Theory]
    [InlineData(true, "float", 12 + 12)]
    [InlineData(false, "double", 24 + 24)]
    public void Ply_stores_float_only_when_every_value_is_exactly_a_float(bool floatExact, string type, int bytesPerVertex)
    {
        var mesh = FullMesh(floatExact, []);
        var stream = new MemoryStream();
        PlyWriter.Write(stream, mesh, PlyEncoding.BinaryLittleEndian);
        var bytes = stream.ToArray();
        string text = Encoding.ASCII.GetString(bytes);
        string header = text[..(text.IndexOf("end_header\n", StringComparison.Ordinal) + "end_header\n".Length)];
        Assert.Contains($"property {type} x\n", header);
        Assert.Contains($"property {type} nz\n", header);
        Assert.Equal(header.Length + mesh.VertexCount * bytesPerVertex + mesh.TriangleCount * 13, bytes.Length);
    }

    [Fact]
    public void Ply_positions_and_normals_choose_their_precision_separately()
    {
        var mesh = new Mesh(FloatPoints(5, 4), DoublePoints(5, 5));
        var stream = new MemoryStream();
        PlyWriter.Write(stream, mesh, PlyEncoding.Ascii);
        string text = Encoding.ASCII.GetString(stream.ToArray());
        Assert.Contains("property float x\n", text);
        Assert.Contains("property double nx\n", text);
        MeshAssert.Identical(mesh, GeometryText.Read("m.ply", stream.ToArray()));
    }

    [Theory]
    [InlineData(PlyEncoding.Ascii)]
    [InlineData(PlyEncoding.BinaryLittleEndian)]
    public void Ply_writes_longer_polylines_as_their_segments(PlyEncoding encoding)
    {
        var mesh = FullMesh(false, ChainPolylines);
        var read = WriteAndRead(mesh, ".ply", new GeometryWriteOptions(encoding));
        int[][] segments = [[0, 1], [1, 2], [2, 3], [7, 8], [8, 9], [9, 7], [20, 21]];
        Assert.Equal(segments, read.Polylines);
        MeshAssert.BitExact(mesh.Vertices, read.Vertices);
    }

    [Fact]
    public void Ply_default_encoding_is_binary_little_endian()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("cloud.ply");
        GeometryFiles.Write(path, Mesh.PointCloud(FloatPoints(3, 6)));
        Assert.Contains("format binary_little_endian 1.0\n", Encoding.ASCII.GetString(File.ReadAllBytes(path)));
    }

    [Fact]
    public void An_empty_mesh_is_written_but_refused_on_reading_with_the_reason()
    {
        // No reader returns an empty result from a non-empty file without saying why (issue 17).
        var error = Assert.Throws<GeometryFileException>(() => WriteAndRead(new Mesh([]), ".ply"));
        Assert.EndsWith("no vertices: the PLY file declares none", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Obj_keeps_vertices_normals_faces_polylines_and_comments(bool floatExact)
    {
        var mesh = FullMesh(floatExact, ChainPolylines);
        MeshAssert.Identical(mesh, WriteAndRead(mesh, ".obj"));
    }

    [Fact]
    public void Obj_keeps_normals_of_a_point_cloud_and_of_vertices_no_face_uses()
    {
        var cloud = Mesh.PointCloud(DoublePoints(10, 7), DoublePoints(10, 8));
        MeshAssert.Identical(cloud, WriteAndRead(cloud, ".obj"));

        // Vertex 3 is in no face, so the faces alone do not give every vertex a normal.
        var mesh = new Mesh(DoublePoints(5, 9), DoublePoints(5, 10), [0, 1, 2, 2, 1, 4]);
        MeshAssert.Identical(mesh, WriteAndRead(mesh, ".obj"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Off_keeps_vertices_normals_faces_and_comments(bool floatExact)
    {
        var mesh = FullMesh(floatExact, []);
        MeshAssert.Identical(mesh, WriteAndRead(mesh, ".off"));
        var withoutNormals = new Mesh(mesh.Vertices, null, mesh.Triangles);
        MeshAssert.Identical(withoutNormals, WriteAndRead(withoutNormals, ".off"));
    }

    [Theory]
    [InlineData(".xyz")]
    [InlineData(".txt")]
    [InlineData(".pts")]
    [InlineData(".csv")]
    public void Xyz_keeps_points_normals_and_comments(string extension)
    {
        var points = Mesh.PointCloud(DoublePoints(30, 11));
        MeshAssert.Identical(points, WriteAndRead(points, extension));
        var oriented = new Mesh(DoublePoints(30, 12), FloatPoints(30, 13)) { Comments = ["scan 7", "units: m"] };
        MeshAssert.Identical(oriented, WriteAndRead(oriented, extension));
    }

    [Fact]
    public void Csv_output_is_comma_separated()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("points.csv");
        GeometryFiles.Write(path, Mesh.PointCloud([new Vector3d(1, 2.5, -3)]));
        Assert.Equal("1,2.5,-3\n", File.ReadAllText(path));
    }

    [Fact]
    public void Extensions_are_case_insensitive()
    {
        var mesh = FullMesh(true, TwoPointPolylines);
        MeshAssert.Identical(mesh, WriteAndRead(mesh, ".PLY"));
        MeshAssert.Identical(mesh, WriteAndRead(mesh, ".Obj"));
    }

    [Fact]
    public void Text_numbers_are_shortest_round_trip_invariant_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            // A culture with a decimal comma must not leak into files.
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var stream = new MemoryStream();
            ObjWriter.Write(stream, Mesh.PointCloud([new Vector3d(0.1, -2.5, 1e-20)]));
            Assert.Equal("v 0.1 -2.5 1E-20\n", Encoding.ASCII.GetString(stream.ToArray()));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }
}
