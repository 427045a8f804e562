using System.Text;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Models;

/// <summary>
/// One file holding a trained binary classifier: its <see cref="ClassifierSpec"/>, free-text metadata (the run's
/// settings, classes and accuracy as JSON) and its weights, so it can be rebuilt without the options it was trained
/// with. Layout (little-endian), like Nlset.Core's network files:
/// <code>
///   8 bytes   ASCII "NLSETCLS"
///   int32     format version (1)
///   string    ClassifierSpec.ToString(), e.g. "mlp,in=1x28x28,hidden=128x128" (.NET BinaryWriter: 7-bit length, UTF-8)
///   string    metadata ("" if none)
///   ...       the state dict in TorchSharp's format (Module.save), PyTorch parameter names
/// </code>
/// Files of another format, truncated or with extra bytes, or whose weights do not fit the spec raise a
/// <see cref="GeometryFileException"/> (an InvalidInputException: exit code 2) naming the file.
/// </summary>
public static class ClassifierFile
{
    public const string Magic = "NLSETCLS";
    public const int FormatVersion = 1;
    public const string Extension = ".nlcls";

    /// <summary>Writes the classifier (to PATH.partial first, then renamed).</summary>
    public static void Save(nn.Module<Tensor, Tensor> model, ClassifierSpec spec, string path, string metadata = "")
    {
        var temporary = path + ".partial";
        using (var stream = File.Create(temporary))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: false))
        {
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(FormatVersion);
            writer.Write(spec.ToString());
            writer.Write(metadata);
            model.save(writer);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a classifier saved by <see cref="Save"/>: the model (in eval mode, on <paramref name="device"/>), its spec and metadata.</summary>
    public static (nn.Module<Tensor, Tensor> Model, ClassifierSpec Spec, string Metadata) Load(string path, Device? device = null)
    {
        if (!File.Exists(path)) throw new GeometryFileException(path, null, "file not found");
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        ClassifierSpec spec;
        string metadata;
        try
        {
            var magic = reader.ReadBytes(Magic.Length);
            if (magic.Length != Magic.Length || Encoding.ASCII.GetString(magic) != Magic)
                throw new GeometryFileException(path, null, $"not an nlset classifier file (it does not start with \"{Magic}\")");
            var version = reader.ReadInt32();
            if (version != FormatVersion)
                throw new GeometryFileException(path, "header", $"format version {version} is not supported (this build reads {FormatVersion})");
            spec = ClassifierSpec.Parse(reader.ReadString());
            metadata = reader.ReadString();
        }
        catch (GeometryFileException) { throw; }
        catch (InvalidInputException e) { throw new GeometryFileException(path, "header", e.Message, e); }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException)
        {
            throw new GeometryFileException(path, "header", $"truncated or corrupt ({e.Message})", e);
        }
        // Checked before building the model: a damaged header must not allocate a huge network.
        var parameters = spec.ParameterCount;
        if (stream.Length - stream.Position < 4 * parameters)
            throw new GeometryFileException(path, "weights", $"truncated: {stream.Length - stream.Position} bytes cannot hold the {parameters} parameters of {spec}");
        var model = spec.Create();
        try
        {
            model.load(reader, strict: true);
            if (stream.Position != stream.Length) throw new InvalidDataException($"{stream.Length - stream.Position} bytes after the weights");
        }
        catch (EndOfStreamException e)
        {
            model.Dispose();
            throw new GeometryFileException(path, "weights", "truncated: the file ends inside the weights", e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            model.Dispose();
            throw new GeometryFileException(path, "weights", $"do not match the classifier {spec}: {e.Message}", e);
        }
        if (device is not null && device.type != DeviceType.CPU) model.to(device);
        model.eval();
        return (model, spec, metadata);
    }
}
