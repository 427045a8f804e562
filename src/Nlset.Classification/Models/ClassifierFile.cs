using Nlset.Core;
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
/// A <see cref="ModelFile"/>: written atomically; files of another format, truncated or with extra bytes, or whose
/// weights do not fit the spec raise a <see cref="ModelFileException"/> (exit code 2) naming the file.
/// </summary>
public static class ClassifierFile
{
    public const string Magic = "NLSETCLS";
    public const int FormatVersion = 1;
    public const string Extension = ".nlcls";

    static readonly ModelFileKind Kind = new(Magic, "nlset classifier file", FormatVersion, FormatVersion);

    /// <summary>Writes the classifier (atomically: to PATH.partial first, then renamed).</summary>
    public static void Save(nn.Module<Tensor, Tensor> model, ClassifierSpec spec, string path, string metadata = "") =>
        ModelFile.Write(path, Kind, FormatVersion, writer =>
        {
            writer.Write(spec.ToString());
            writer.Write(metadata);
            model.save(writer);
        });

    /// <summary>Reads a classifier saved by <see cref="Save"/>: the model (in eval mode, on <paramref name="device"/>), its spec and metadata.</summary>
    public static (nn.Module<Tensor, Tensor> Model, ClassifierSpec Spec, string Metadata) Load(string path, Device? device = null)
    {
        using var file = ModelFile.Open(path, Kind);
        var (spec, metadata) = file.Header(reader => (ClassifierSpec.Parse(reader.ReadString()), reader.ReadString()));
        file.RequireRoomFor(spec.ParameterCount, spec.ToString());
        var model = spec.Create();
        file.Body(model, $"the classifier {spec}", reader => model.load(reader, strict: true));
        if (device is not null && device.type != DeviceType.CPU) model.to(device);
        model.eval();
        return (model, spec, metadata);
    }
}
