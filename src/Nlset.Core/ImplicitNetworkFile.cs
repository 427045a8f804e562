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
///   int32     format version: 2, or 3 for a file with a training state (versions 1 and 2 are still read)
///   string    NetworkSpec.ToString(), e.g. "8x512,relu,in=3,out=1,r=1" (.NET BinaryWriter: 7-bit length prefix, UTF-8)
///   string    metadata (version 2): free text the caller attaches, e.g. a JSON object with the normalisation and the
///             run's settings, so a result can be reproduced and meshed back into the input's coordinates; "" if none
///   ...       the state dict in TorchSharp's format (Module.save): int64 count, then per entry name + tensor
///   int64 + …  (version 3) the length and bytes of the state of an unfinished training (optimizer, random generator,
///             step) that the trainer writes as a checkpoint and reads back to continue; a loader of the network skips it
/// </code>
/// A finished model has no training state and is written as version 2, byte for byte as before.
/// Parameter names are PyTorch's ("layers.0.weight", ...). A file that is not of this format, is truncated, has extra
/// bytes, or whose weights do not fit its spec raises a <see cref="GeometryFileException"/> (an InvalidInputException:
/// exit code 2 in the CLI) naming the file and the problem.
/// </summary>
public static class ImplicitNetworkFile
{
    public const string Magic = "NLSETNET";
    public const int FormatVersion = 3;

    /// <summary>The version of a file without a training state.</summary>
    const int ModelVersion = 2;
    /// <summary>The extension the tools use for these files.</summary>
    public const string Extension = ".nlnet";

    /// <summary>
    /// Writes the network (to a temporary file first, then renamed, so an interrupted save leaves no half file), with
    /// the state of an unfinished training when <paramref name="trainingState"/> is given.
    /// </summary>
    public static void Save(ImplicitNetwork network, string path, string metadata = "", byte[]? trainingState = null)
    {
        var temporary = path + ".partial";
        using (var stream = File.Create(temporary))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: false))
        {
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(trainingState is null ? ModelVersion : FormatVersion);
            writer.Write(network.Spec.ToString());
            writer.Write(metadata);
            network.save(writer);
            if (trainingState is not null)
            {
                writer.Write((long)trainingState.Length);
                writer.Write(trainingState);
            }
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a network saved by <see cref="Save"/>, on <paramref name="device"/> (default CPU).</summary>
    public static ImplicitNetwork Load(string path, Device? device = null) => Load(path, out _, device);

    /// <summary>As <see cref="Load(string, Device?)"/>, also returning the metadata saved with it ("" if none).</summary>
    public static ImplicitNetwork Load(string path, out string metadata, Device? device = null) => Load(path, out metadata, out _, device);

    /// <summary>As <see cref="Load(string, out string, Device?)"/>, also returning the training state saved with it (null if none).</summary>
    public static ImplicitNetwork Load(string path, out string metadata, out byte[]? trainingState, Device? device = null)
    {
        trainingState = null;
        if (!File.Exists(path)) throw new GeometryFileException(path, null, "file not found");
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var (spec, metadata_, version) = ReadHeader(path, reader);
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
            if (version >= 3)
            {
                var length = reader.ReadInt64();
                if (length < 0 || length != stream.Length - stream.Position)
                    throw new InvalidDataException($"the training state should take {length} bytes, {stream.Length - stream.Position} are left");
                trainingState = reader.ReadBytes((int)length);
            }
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

    static (NetworkSpec Spec, string Metadata, int Version) ReadHeader(string path, BinaryReader reader)
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
            return (spec, version >= 2 ? reader.ReadString() : "", version);
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
