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
/// Parameter names are PyTorch's ("layers.0.weight", ...). A <see cref="ModelFile"/>: written atomically, and a file
/// that is not of this format, is truncated, has extra bytes, or whose weights do not fit its spec raises a
/// <see cref="ModelFileException"/> (exit code 2 in the CLI) naming the file and the problem.
/// </summary>
public static class ImplicitNetworkFile
{
    public const string Magic = "NLSETNET";
    public const int FormatVersion = 3;

    /// <summary>The version of a file without a training state.</summary>
    const int ModelVersion = 2;
    /// <summary>The extension the tools use for these files.</summary>
    public const string Extension = ".nlnet";

    static readonly ModelFileKind Kind = new(Magic, "nlset network file", 1, FormatVersion);

    /// <summary>
    /// Writes the network (atomically: an interrupted save leaves no half file), with the state of an unfinished
    /// training when <paramref name="trainingState"/> is given.
    /// </summary>
    public static void Save(ImplicitNetwork network, string path, string metadata = "", byte[]? trainingState = null) =>
        ModelFile.Write(path, Kind, trainingState is null ? ModelVersion : FormatVersion, writer =>
        {
            writer.Write(network.Spec.ToString());
            writer.Write(metadata);
            network.save(writer);
            if (trainingState is not null)
            {
                writer.Write((long)trainingState.Length);
                writer.Write(trainingState);
            }
        });

    /// <summary>Reads a network saved by <see cref="Save"/>, on <paramref name="device"/> (default CPU).</summary>
    public static ImplicitNetwork Load(string path, Device? device = null) => Load(path, out _, device);

    /// <summary>As <see cref="Load(string, Device?)"/>, also returning the metadata saved with it ("" if none).</summary>
    public static ImplicitNetwork Load(string path, out string metadata, Device? device = null) => Load(path, out metadata, out _, device);

    /// <summary>As <see cref="Load(string, out string, Device?)"/>, also returning the training state saved with it (null if none).</summary>
    public static ImplicitNetwork Load(string path, out string metadata, out byte[]? trainingState, Device? device = null)
    {
        using var file = ModelFile.Open(path, Kind);
        var (spec, text) = file.Header(reader => (NetworkSpec.Parse(reader.ReadString()), file.Version >= 2 ? reader.ReadString() : ""));
        // float32 is the smallest dtype these networks are saved in.
        file.RequireRoomFor(spec.ParameterCount, spec.ToString());
        var network = new ImplicitNetwork(spec, geometricInitialisation: false);
        byte[]? state = null;
        file.Body(network, $"the network {spec}", reader =>
        {
            network.load(reader, strict: true);
            if (file.Version >= 3)
            {
                var length = reader.ReadInt64();
                if (length < 0 || length != file.Remaining)
                    throw new InvalidDataException($"the training state should take {length} bytes, {file.Remaining} are left");
                state = reader.ReadBytes((int)length);
            }
        });
        metadata = text;
        trainingState = state;
        if (device is not null && device.type != DeviceType.CPU) network.to(device);
        return network;
    }
}
