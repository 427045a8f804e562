using System.Text.Json;
using System.Text.Json.Nodes;
using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Reconstruction;

/// <summary>
/// A trained surface (or curve) network with what is needed to use it again: the normalisation that maps the
/// input's coordinates to the network's, and the settings it was trained with (for --resume and reproducibility).
/// Stored as an <see cref="ImplicitNetworkFile"/> whose metadata is a JSON object.
/// </summary>
/// <param name="TrainingState">The state of an unfinished training (a checkpoint), to continue it; null for a finished model.</param>
public sealed record ReconstructionModel(ImplicitNetwork Network, Normalization Normalization, string? Source, JsonObject? Settings,
    byte[]? TrainingState = null)
{
    public static void Save(string path, ImplicitNetwork network, Normalization normalization, string? source, JsonObject? settings,
        byte[]? trainingState = null)
    {
        var metadata = new JsonObject
        {
            ["kind"] = network.Spec.Outputs == 2 ? "curve" : "surface",
            ["normalization"] = new JsonObject
            {
                ["center"] = new JsonArray(normalization.Center.X, normalization.Center.Y, normalization.Center.Z),
                ["scale"] = normalization.Scale,
            },
            ["source"] = source,
            ["settings"] = settings?.DeepClone(),
        };
        ImplicitNetworkFile.Save(network, path, metadata.ToJsonString(), trainingState);
    }

    public static ReconstructionModel Load(string path, Device? device = null)
    {
        var network = ImplicitNetworkFile.Load(path, out var metadata, out var trainingState, device);
        try
        {
            if (string.IsNullOrEmpty(metadata)) return new ReconstructionModel(network, Normalization.Identity, null, null, trainingState);
            var root = JsonNode.Parse(metadata)?.AsObject() ?? throw new JsonException("empty metadata");
            var n = root["normalization"]?.AsObject();
            var normalization = Normalization.Identity;
            if (n != null)
            {
                var c = n["center"]!.AsArray();
                normalization = new Normalization(new Vector3d((double)c[0]!, (double)c[1]!, (double)c[2]!), (double)n["scale"]!);
                if (!normalization.Center.IsFinite || !(normalization.Scale > 0) || !double.IsFinite(normalization.Scale))
                    throw new JsonException("the normalisation is not finite and positive");
            }
            return new ReconstructionModel(network, normalization, (string?)root["source"], root["settings"]?.AsObject(), trainingState);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            network.Dispose();
            throw new ModelFileException(path, "metadata", $"unreadable ({e.Message})", e);
        }
    }
}
