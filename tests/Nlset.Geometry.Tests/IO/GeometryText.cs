using System.Text;
using Nlset.Geometry.IO;

namespace Nlset.Geometry.Tests.IO;

/// <summary>Reads hand-written files from strings or bytes, as if from a file of the given name.</summary>
public static class GeometryText
{
    public static Mesh Read(string fileName, string content, GeometryFormat? format = null) =>
        Read(fileName, Encoding.UTF8.GetBytes(content), format);

    public static Mesh Read(string fileName, byte[] content, GeometryFormat? format = null) =>
        GeometryFiles.Read(new MemoryStream(content), fileName, format);

    public static Mesh Read(string fileName, string content, GeometryReadOptions options) =>
        GeometryFiles.Read(new MemoryStream(Encoding.UTF8.GetBytes(content)), fileName, null, options);

    public static Mesh Read(string fileName, byte[] content, GeometryReadOptions options) =>
        GeometryFiles.Read(new MemoryStream(content), fileName, null, options);

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
