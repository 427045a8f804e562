using System.Text;
using Nlset.Geometry.IO;

namespace Nlset.Geometry.Tests.IO;

/// <summary>Writers refuse what their format cannot hold and never leave a partial file behind.</summary>
public class WriterTests
{
    static readonly Mesh Curve = new([new Vector3d(0, 0, 0), new Vector3d(1, 0, 0), new Vector3d(1, 1, 0)], polylines: [[0, 1, 2]]);
    static readonly Mesh Triangle = new([new Vector3d(0, 0, 0), new Vector3d(1, 0, 0), new Vector3d(1, 1, 0)], triangles: [0, 1, 2]);

    [Theory]
    [InlineData("out", "''")]
    [InlineData("out.ply.gz", "'.gz'")]
    public void Unknown_output_extension_is_refused(string name, string quoted)
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File(name);
        var error = Assert.Throws<GeometryFileException>(() => GeometryFiles.Write(path, Triangle));
        Assert.Equal($"{path}: cannot tell the output format from the extension {quoted}: use one of .ply, .obj, .off, .xyz, .txt, .pts, .csv, .stl", error.Message);
        Assert.Empty(scratch.Entries());
        Assert.Equal(error.Message, Assert.Throws<GeometryFileException>(() => GeometryFiles.FormatForWriting(path)).Message);
    }

    [Theory]
    [InlineData("out.PLY", GeometryFormat.Ply)]
    [InlineData("dir.obj/out.off", GeometryFormat.Off)]
    [InlineData("out.csv", GeometryFormat.Xyz)]
    public void Output_format_is_known_before_writing(string name, GeometryFormat expected)
    {
        using var scratch = new ScratchDirectory();
        Assert.Equal(expected, GeometryFiles.FormatForWriting(scratch.File(name)));
        Assert.Empty(scratch.Entries());
    }

    [Theory]
    [InlineData("curve.off", "OFF cannot hold polylines")]
    [InlineData("curve.xyz", "XYZ holds only points")]
    public void Formats_that_cannot_hold_the_data_refuse_it_and_keep_the_old_file(string name, string reason)
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File(name);
        File.WriteAllText(path, "previous content");
        var error = Assert.Throws<GeometryFileException>(() => GeometryFiles.Write(path, Curve));
        Assert.Contains(path, error.Message);
        Assert.Contains(reason, error.Message);
        Assert.Equal("previous content", File.ReadAllText(path));
        Assert.Equal([name], scratch.Entries());
    }

    [Fact]
    public void Xyz_refuses_triangles()
    {
        using var scratch = new ScratchDirectory();
        var error = Assert.Throws<GeometryFileException>(() => GeometryFiles.Write(scratch.File("t.xyz"), Triangle));
        Assert.Contains("1 triangles", error.Message);
    }

    [Fact]
    public void A_failure_midway_leaves_the_target_untouched_and_no_temporary_file()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("target.ply");
        File.WriteAllText(path, "previous content");
        // Reported for the target, not the temporary file (whose name meant nothing to the user).
        var error = Assert.Throws<GeometryFileException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100_000]);
            throw new IOException("disk full");
        }));
        Assert.Equal($"{path}: cannot write: disk full", error.Message);
        Assert.Equal("previous content", File.ReadAllText(path));
        Assert.Equal(["target.ply"], scratch.Entries());
    }

    [Fact]
    public void A_write_replaces_an_existing_file_whole()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("target.obj");
        File.WriteAllText(path, new string('x', 10_000));
        GeometryFiles.Write(path, Triangle);
        Assert.Equal("v 0 0 0\nv 1 0 0\nv 1 1 0\nf 1 2 3\n", File.ReadAllText(path));
    }

    [Fact]
    public void Missing_directory_is_a_file_error()
    {
        using var scratch = new ScratchDirectory();
        string path = Path.Combine(scratch.Path, "no", "such", "out.ply");
        var error = Assert.Throws<GeometryFileException>(() => GeometryFiles.Write(path, Triangle));
        Assert.Equal($"{path}: no such directory", error.Message);
    }

    [Fact]
    public void Meshes_no_file_could_hold_are_programming_errors()
    {
        using var scratch = new ScratchDirectory();
        var nan = Mesh.PointCloud([new Vector3d(0, double.NaN, 0)]);
        Assert.Throws<ArgumentException>(() => GeometryFiles.Write(scratch.File("nan.ply"), nan));
        var badIndex = new Mesh([new Vector3d(0, 0, 0)], triangles: [0, 0, 1]);
        Assert.Throws<ArgumentException>(() => GeometryFiles.Write(scratch.File("bad.obj"), badIndex));
        var multiline = new Mesh([new Vector3d(0, 0, 0)]) { Comments = ["two\nlines"] };
        Assert.Throws<ArgumentException>(() => GeometryFiles.Write(scratch.File("c.ply"), multiline));
        Assert.Empty(scratch.Entries());
    }

    [Fact]
    public void Ascii_ply_layout()
    {
        var mesh = new Mesh([new Vector3d(0, 0.5, 1), new Vector3d(1, 0, 0), new Vector3d(0, 1, 0)], null, [0, 1, 2], [[0, 1, 2]]) { Comments = ["hi"] };
        var stream = new MemoryStream();
        PlyWriter.Write(stream, mesh, PlyEncoding.Ascii);
        Assert.Equal(
            "ply\nformat ascii 1.0\ncomment hi\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\n" +
            "element face 1\nproperty list uchar int vertex_indices\nelement edge 2\nproperty int vertex1\nproperty int vertex2\nend_header\n" +
            "0 0.5 1\n1 0 0\n0 1 0\n3 0 1 2\n0 1\n1 2\n",
            Encoding.ASCII.GetString(stream.ToArray()));
    }

    [Fact]
    public void Off_and_obj_layouts_with_normals()
    {
        var mesh = new Mesh([new Vector3d(0, 0, 0), new Vector3d(1, 0, 0), new Vector3d(0, 1, 0)], [new Vector3d(0, 0, 1), new Vector3d(0, 0, 1), new Vector3d(0, 0, 1)], [0, 1, 2]);
        var off = new MemoryStream();
        OffWriter.Write(off, mesh, "m.off");
        Assert.Equal("NOFF\n3 1 0\n0 0 0 0 0 1\n1 0 0 0 0 1\n0 1 0 0 0 1\n3 0 1 2\n", Encoding.ASCII.GetString(off.ToArray()));
        var obj = new MemoryStream();
        ObjWriter.Write(obj, mesh);
        Assert.Equal("v 0 0 0\nv 1 0 0\nv 0 1 0\nvn 0 0 1\nvn 0 0 1\nvn 0 0 1\nf 1//1 2//2 3//3\n", Encoding.ASCII.GetString(obj.ToArray()));
    }

    [Fact]
    public void A_folder_that_takes_no_files_is_reported_for_the_path_asked_for_not_the_temporary_file()
    {
        if (!Directory.Exists("/proc/self")) return;   // Linux: /proc exists and refuses new files
        var error = Assert.Throws<GeometryFileException>(() => GeometryFiles.Write("/proc/out.ply", Triangle));
        Assert.Equal("/proc/out.ply: cannot create files in /proc", error.Message);
    }

    [Fact]
    public void Output_path_checks_find_what_the_write_would_fail_on()
    {
        using var scratch = new ScratchDirectory();
        OutputPath.Check(scratch.File("ok.ply"), "-o", "a mesh", ".ply");
        Assert.Empty(scratch.Entries());   // the probe file is gone
        Assert.Contains("a mesh is written as .ply, not '.stl'", Assert.Throws<InvalidInputException>(() => OutputPath.Check(scratch.File("x.stl"), "-o", "a mesh", ".ply")).Message);
        Assert.Contains("does not exist", Assert.Throws<InvalidInputException>(() => OutputPath.Check(scratch.File("no/x.ply"), "-o")).Message);
        Assert.Contains("is a folder", Assert.Throws<InvalidInputException>(() => OutputPath.Check(scratch.Path, "-o")).Message);
        Assert.Contains("(give Force to do so)", Assert.Throws<InvalidInputException>(() => OutputPath.NotAnInput("a.ply", false, "./a.ply")).Message);
        OutputPath.NotAnInput("a.ply", true, "a.ply");
    }
}
