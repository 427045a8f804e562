using System.Text;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Core;

/// <summary>
/// One file holding an <see cref="ImplicitNetwork"/>: its <see cref="NetworkSpec"/> and its weights, so it can be
/// rebuilt without knowing the options it was trained with. Layout (little-endian):
/// <code>
///   8 bytes   ASCII "NLSETNET"
///   int32     format version (2; version 1 files, without the metadata string, are still read)
///   string    NetworkSpec.ToString(), e.g. "8x512,relu,in=3,out=1,r=1" (.NET BinaryWriter: 7-bit length prefix, UTF-8)
///   string    metadata (version 2): free text the caller attaches, e.g. a JSON object with the normalisation and the
///             run's settings, so a result can be reproduced and meshed back into the input's coordinates; "" if none
///   ...       the state dict in TorchSharp's format (Module.save): int64 count, then per entry name + tensor
/// </code>
/// Parameter names are PyTorch's ("layers.0.weight", ...). A file that is not of this format, is truncated, has extra
/// bytes, or whose weights do not fit its spec raises a <see cref="GeometryFileException"/> (an InvalidInputException:
/// exit code 2 in the CLI) naming the file and the problem.
/// </summary>
public static class ImplicitNetworkFile
{
    public const string Magic = "NLSETNET";
    public const int FormatVersion = 2;
    /// <summary>The extension the tools use for these files.</summary>
    public const string Extension = ".nlnet";

    /// <summary>Writes the network (to a temporary file first, then renamed, so an interrupted save leaves no half file).</summary>
    public static void Save(ImplicitNetwork network, string path, string metadata = "")
    {
        var temporary = path + ".partial";
        using (var stream = File.Create(temporary))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: false))
        {
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(FormatVersion);
            writer.Write(network.Spec.ToString());
            writer.Write(metadata);
            network.save(writer);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a network saved by <see cref="Save"/>, on <paramref name="device"/> (default CPU).</summary>
    public static ImplicitNetwork Load(string path, Device? device = null) => Load(path, out _, device);

    /// <summary>As <see cref="Load(string, Device?)"/>, also returning the metadata saved with it ("" if none).</summary>
    public static ImplicitNetwork Load(string path, out string metadata, Device? device = null)
    {
        if (!File.Exists(path)) throw new GeometryFileException(path, null, "file not found");
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var (spec, metadata_) = ReadHeader(path, reader);
        metadata = metadata_;
        // Checked before allocating: a damaged header must not make us build a huge network. float32 is the smallest
        // dtype these networks are saved in.
        if (stream.Length - stream.Position < 4 * spec.ParameterCount)
            throw new GeometryFileException(path, "weights",
                $"truncated: {stream.Length - stream.Position} bytes cannot hold the {spec.ParameterCount} parameters of {spec}");
        var network = new ImplicitNetwork(spec, geometricInitialisation: false);
        try
        {
            network.load(reader, strict: true);
            if (stream.Position != stream.Length)
                throw new InvalidDataException($"{stream.Length - stream.Position} bytes after the weights");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            network.Dispose();
            throw new GeometryFileException(path, "weights", $"do not match the network {spec}: {e.Message}", e);
        }
        if (device is not null && device.type != DeviceType.CPU) network.to(device);
        return network;
    }

    static (NetworkSpec Spec, string Metadata) ReadHeader(string path, BinaryReader reader)
    {
        try
        {
            var magic = reader.ReadBytes(Magic.Length);
            if (magic.Length != Magic.Length || Encoding.ASCII.GetString(magic) != Magic)
                throw new GeometryFileException(path, null, $"not an nlset network file (it does not start with \"{Magic}\")");
            var version = reader.ReadInt32();
            if (version is < 1 or > FormatVersion)
                throw new GeometryFileException(path, "header", $"format version {version} is not supported (this build reads 1 to {FormatVersion})");
            var spec = NetworkSpec.Parse(reader.ReadString());
            return (spec, version >= 2 ? reader.ReadString() : "");
        }
        catch (GeometryFileException)
        {
            throw;
        }
        catch (InvalidInputException e)
        {
            throw new GeometryFileException(path, "header", e.Message, e);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException)
        {
            throw new GeometryFileException(path, "header", $"truncated or corrupt ({e.Message})", e);
        }
    }
}
