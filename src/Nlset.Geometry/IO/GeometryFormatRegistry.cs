namespace Nlset.Geometry.IO;

/// <summary>Reads a whole file held in memory; <paramref name="file"/> names it in error messages and warnings.</summary>
internal delegate Mesh GeometryReader(ReadOnlySpan<byte> data, string file, GeometryReadOptions options);

/// <summary>Writes a mesh to a stream; <paramref name="file"/> names the target in error messages and picks per-extension details.</summary>
internal delegate void GeometryWriter(Stream output, Mesh mesh, string file, GeometryWriteOptions options);

/// <summary>One supported format: the extensions that select it, its reader and its writer.</summary>
internal sealed record GeometryFormatEntry(GeometryFormat Format, string[] Extensions, GeometryReader Read, GeometryWriter Write);

/// <summary>
/// The formats nlset knows, keyed by extension (case-insensitive). Content sniffing for files without
/// a known extension is <see cref="FormatSniffer"/>'s job; both lead here for the reader and writer.
/// </summary>
internal static class GeometryFormatRegistry
{
    public static readonly IReadOnlyList<GeometryFormatEntry> Entries =
    [
        new(GeometryFormat.Ply, [".ply"], PlyReader.Read, (output, mesh, _, options) => PlyWriter.Write(output, mesh, options.PlyEncoding)),
        new(GeometryFormat.Obj, [".obj"], ObjReader.Read, (output, mesh, _, _) => ObjWriter.Write(output, mesh)),
        new(GeometryFormat.Off, [".off"], OffReader.Read, (output, mesh, file, _) => OffWriter.Write(output, mesh, file)),
        new(GeometryFormat.Xyz, [".xyz", ".txt", ".pts", ".csv"], XyzReader.Read, (output, mesh, file, _) => XyzWriter.Write(output, mesh, file)),
        new(GeometryFormat.Stl, [".stl"], StlReader.Read, (output, mesh, file, options) => StlWriter.Write(output, mesh, file, options.StlEncoding)),
    ];

    public static GeometryFormatEntry Of(GeometryFormat format) =>
        Entries.FirstOrDefault(e => e.Format == format) ?? throw new ArgumentOutOfRangeException(nameof(format), format, "not a known geometry format");

    /// <summary>The format a file name's extension selects, or null when it has none or an unknown one.</summary>
    public static GeometryFormatEntry? ForExtension(string fileName)
    {
        string extension = Path.GetExtension(fileName);
        return extension.Length == 0 ? null : Entries.FirstOrDefault(e => e.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase));
    }

    public static string KnownExtensions => string.Join(", ", Entries.SelectMany(e => e.Extensions));
}
