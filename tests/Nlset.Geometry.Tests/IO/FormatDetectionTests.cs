using System.Text;
using Nlset.Geometry.IO;

namespace Nlset.Geometry.Tests.IO;

public class FormatDetectionTests
{
    [Theory]
    [InlineData("a.ply", GeometryFormat.Ply)]
    [InlineData("a.PLY", GeometryFormat.Ply)]
    [InlineData("dir.v2/a.obj", GeometryFormat.Obj)]
    [InlineData("a.Off", GeometryFormat.Off)]
    [InlineData("a.xyz", GeometryFormat.Xyz)]
    [InlineData("a.txt", GeometryFormat.Xyz)]
    [InlineData("a.pts", GeometryFormat.Xyz)]
    [InlineData("a.CSV", GeometryFormat.Xyz)]
    public void Extension_decides_without_opening_the_file(string path, GeometryFormat expected) =>
        Assert.Equal(expected, GeometryFiles.DetectFormat(path));

    [Theory]
    [InlineData("ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\nproperty float z\nend_header\n1 2 3\n", GeometryFormat.Ply, 1)]
    [InlineData("ply\r\nformat ascii 1.0\r\nelement vertex 1\r\nproperty float x\r\nproperty float y\r\nproperty float z\r\nend_header\r\n1 2 3\r\n", GeometryFormat.Ply, 1)]
    [InlineData("OFF\n1 0 0\n1 2 3\n", GeometryFormat.Off, 1)]
    [InlineData("# made by hand\nCNOFF\n1 0 0\n1 2 3 0 0 1 1 1 1 1\n", GeometryFormat.Off, 1)]
    [InlineData("# exported\n\nv 1 2 3\n", GeometryFormat.Obj, 1)]
    [InlineData("mtllib a.mtl\nv 1 2 3\n", GeometryFormat.Obj, 1)]
    [InlineData("vn 0 0 1\nv 1 2 3\n", GeometryFormat.Obj, 1)]
    [InlineData("1 2 3\n", GeometryFormat.Xyz, 1)]
    [InlineData("# scan\n1.5,-2,3e-4,0,0,1\n", GeometryFormat.Xyz, 1)]
    [InlineData("\t1\t2\t3\n", GeometryFormat.Xyz, 1)]
    public void Content_decides_when_the_file_has_no_extension(string content, GeometryFormat expected, int vertices)
    {
        using var scratch = new ScratchDirectory();
        foreach (var name in new[] { "noextension", "data.dat" })
        {
            string path = scratch.File(name);
            File.WriteAllText(path, content);
            Assert.Equal(expected, GeometryFiles.DetectFormat(path));
            Assert.Equal(vertices, GeometryFiles.Read(path).VertexCount);
        }
    }

    [Fact]
    public void Binary_ply_without_extension_is_read()
    {
        using var scratch = new ScratchDirectory();
        var mesh = new Mesh([new Vector3d(1, 2, 3), new Vector3d(4, 5, 6), new Vector3d(7, 8, 9.5)], null, [0, 1, 2]);
        GeometryFiles.Write(scratch.File("m.ply"), mesh);
        File.Move(scratch.File("m.ply"), scratch.File("m"));
        Assert.Equal(GeometryFormat.Ply, GeometryFiles.DetectFormat(scratch.File("m")));
        MeshAssert.Identical(mesh, GeometryFiles.Read(scratch.File("m")));
    }

    [Fact]
    public void Stream_reading_uses_the_name_the_content_or_the_given_format()
    {
        var objText = Encoding.ASCII.GetBytes("v 1 2 3\nv 4 5 6\nv 7 8 9\nf 1 2 3\n");
        Assert.Equal(3, GeometryFiles.Read(new MemoryStream(objText), "mesh.obj").TriangleCount * 3);
        Assert.Equal(3, GeometryFiles.Read(new MemoryStream(objText), "stdin").Triangles.Length);
        var xyzText = Encoding.ASCII.GetBytes("1 2 3\n");
        // The given format wins over a misleading name.
        Assert.Equal([new Vector3d(1, 2, 3)], GeometryFiles.Read(new MemoryStream(xyzText), "cloud.ply", GeometryFormat.Xyz).Vertices);
    }

    [Fact]
    public void Non_seekable_streams_are_read()
    {
        var pipe = new NonSeekableStream(Encoding.ASCII.GetBytes("OFF\n1 0 0\n1 2 3\n"));
        Assert.Equal([new Vector3d(1, 2, 3)], GeometryFiles.Read(pipe, "pipe").Vertices);
    }

    sealed class NonSeekableStream(byte[] data) : Stream
    {
        readonly MemoryStream _inner = new(data);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 5));
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
