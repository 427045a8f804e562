using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nlset.Classification.Robust;
using Nlset.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Models;

/// <summary>
/// A robust-training checkpoint in one file (extension .pt by convention): what is needed to evaluate the network and to
/// resume its training. Layout (little-endian, .NET BinaryWriter strings):
/// <code>
///   8 bytes   ASCII "NLSETROB"
///   int32     format version (2; version 1 is read too: its "convnet4a" was the ReLU-head network, now "smallcnn")
///   string    metadata JSON: architecture, dataset, method, epochsDone, stoppedMidEpoch, settings (RobustTrainingSettings),
///             history (one record per finished epoch), free "extra" (e.g. the CLI's data options)
///   int64     length L of the weights, then L bytes: the state dict in TorchSharp's format (Module.save), PyTorch names
///   int64     length M of the optimizer state (0 if none), then M bytes: Adam's state (TorchSharp's save_state_dict)
/// </code>
/// A <see cref="ModelFile"/>: written to PATH.partial and renamed, so a crash never leaves a half-written checkpoint;
/// files of another format, truncated, or whose weights do not fit the architecture raise a
/// <see cref="ModelFileException"/> (exit code 2).
/// </summary>
public static class RobustCheckpoint
{
    public const string Magic = "NLSETROB";
    public const int FormatVersion = 2;
    /// <summary>Checkpoints before the authors' linear ConvNet-4a head was found: their "convnet4a" had ReLUs in the head.</summary>
    const int ReluHeadVersion = 1;

    static readonly ModelFileKind Kind = new(Magic, "nlset robust checkpoint", ReluHeadVersion, FormatVersion);

    // Epochs without a validation slice record NaN.
    static readonly JsonSerializerOptions HistoryJson = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>What a checkpoint says about its run.</summary>
    public sealed record Info(RobustArchitecture Architecture, string Dataset, RobustTrainingSettings Settings, int EpochsDone,
        bool StoppedMidEpoch, IReadOnlyList<EpochRecord> History, JsonObject? Extra);

    public static void Save(string path, nn.Module<Tensor, Tensor> model, TorchSharp.Modules.OptimizerHelper? optimizer, Info info)
    {
        var metadata = new JsonObject
        {
            ["architecture"] = info.Architecture.Key(),
            ["dataset"] = info.Dataset,
            ["method"] = info.Settings.Method.Key(),
            ["epochsDone"] = info.EpochsDone,
            ["stoppedMidEpoch"] = info.StoppedMidEpoch,
            ["settings"] = JsonNode.Parse(info.Settings.ToJson()),
            ["history"] = JsonSerializer.SerializeToNode(info.History, HistoryJson),
            ["extra"] = info.Extra?.DeepClone(),
        };
        ModelFile.Write(path, Kind, FormatVersion, writer =>
        {
            writer.Write(metadata.ToJsonString());
            WriteBlock(writer, w => model.save(w));
            if (optimizer is null) writer.Write(0L);
            else WriteBlock(writer, w => optimizer.save_state_dict(w));
        });
    }

    static void WriteBlock(BinaryWriter writer, Action<BinaryWriter> write)
    {
        using var memory = new MemoryStream();
        using (var inner = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true)) write(inner);
        writer.Write(memory.Length);
        memory.Position = 0;
        memory.CopyTo(writer.BaseStream);
    }

    /// <summary>True if the file starts with this format's magic (else it may be a PyTorch .pth).</summary>
    public static bool IsCheckpoint(string path)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[Magic.Length];
        return stream.Read(head) == head.Length && Encoding.ASCII.GetString(head) == Magic;
    }

    /// <summary>Reads the metadata only.</summary>
    public static Info ReadInfo(string path) => Read(path, null, null);

    /// <summary>
    /// Loads the weights into a new network of the file's architecture (eval mode, on <paramref name="device"/>) and, if
    /// <paramref name="optimizerFor"/> is given, the optimizer state into the optimizer it makes for that network.
    /// </summary>
    public static (nn.Module<Tensor, Tensor> Model, Info Info) Load(string path, Device? device = null,
        Func<nn.Module<Tensor, Tensor>, TorchSharp.Modules.OptimizerHelper>? optimizerFor = null) =>
        LoadWith(path, device, optimizerFor, out _);

    public static (nn.Module<Tensor, Tensor> Model, Info Info) LoadWith(string path, Device? device,
        Func<nn.Module<Tensor, Tensor>, TorchSharp.Modules.OptimizerHelper>? optimizerFor, out TorchSharp.Modules.OptimizerHelper? optimizer)
    {
        nn.Module<Tensor, Tensor>? model = null;
        TorchSharp.Modules.OptimizerHelper? made = null;
        var info = Read(path, a =>
        {
            model = a.Create();
            if (device is not null && device.type != DeviceType.CPU) model.to(device);
            return model;
        }, m => made = optimizerFor?.Invoke(m));
        model!.eval();
        optimizer = made;
        return (model, info);
    }

    static Info Read(string path, Func<RobustArchitecture, nn.Module<Tensor, Tensor>>? create, Func<nn.Module<Tensor, Tensor>, TorchSharp.Modules.OptimizerHelper?>? optimizerFor)
    {
        using var file = ModelFile.Open(path, Kind);
        var info = file.Header(reader =>
        {
            var json = JsonNode.Parse(reader.ReadString())!.AsObject();
            var architecture = RobustArchitectures.Parse(json["architecture"]!.GetValue<string>());
            var settings = RobustTrainingSettings.FromJson(json["settings"]!.ToJsonString());
            if (file.Version == ReluHeadVersion && architecture == RobustArchitecture.ConvNet4a)
            {
                architecture = RobustArchitecture.SmallCnn;      // the network it was trained as
                settings = settings with { Architecture = architecture };
            }
            return new Info(
                architecture,
                json["dataset"]!.GetValue<string>(),
                settings,
                json["epochsDone"]!.GetValue<int>(),
                json["stoppedMidEpoch"]?.GetValue<bool>() ?? false,
                json["history"]?.Deserialize<List<EpochRecord>>(HistoryJson) ?? new List<EpochRecord>(),
                json["extra"]?.AsObject());
        });
        if (create is null) return info;

        var model = create(info.Architecture);
        file.Body(model, info.Architecture.Key(), reader =>
        {
            var length = reader.ReadInt64();
            var start = reader.BaseStream.Position;
            if (length < 0 || start + length > reader.BaseStream.Length) throw new EndOfStreamException();
            model.load(reader, strict: true);
            if (reader.BaseStream.Position != start + length) throw new InvalidDataException("the weights block has the wrong length");
            var optimizerLength = reader.ReadInt64();
            if (optimizerLength < 0 || optimizerLength != file.Remaining)
                throw new InvalidDataException("the optimizer block has the wrong length");
            if (optimizerFor?.Invoke(model) is { } optimizer && optimizerLength > 0) optimizer.load_state_dict(reader);
            else reader.BaseStream.Seek(optimizerLength, SeekOrigin.Current);
        });
        return info;
    }
}
