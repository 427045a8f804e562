using Nlset.Classification.Models.PyTorch;
using Nlset.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Models;

/// <summary>
/// Loads PyTorch checkpoints (.pth / .pt written by <c>torch.save</c>, in the zip format of PyTorch ≥ 1.6 or the legacy
/// format before it; <see cref="PyTorchFile"/>) into our networks. Accepted shapes, as real checkpoints come:
/// <list type="bullet">
/// <item>a bare state dict (<c>torch.save(model.state_dict(), f)</c>);</item>
/// <item>a dict holding it under <c>model_state_dict</c>, <c>state_dict</c>, <c>model</c> or <c>net</c> beside other entries (epoch, optimizer …);</item>
/// <item>keys with wrapper prefixes: <c>module.</c> (DataParallel), <c>model.</c> (a wrapper module), also combined.</item>
/// </list>
/// Names are matched after stripping, on both sides, the leading <c>module.</c>/<c>model.</c> segments that all names
/// share, so the authors' ConvNet-4a keys (<c>model.conv1.weight</c>) and a DataParallel-wrapped copy
/// (<c>module.model.conv1.weight</c>) both load. Anything else fails with one line listing the missing and unexpected
/// names (a <see cref="ModelFileException"/>: exit code 2).
/// </summary>
public static class CheckpointImport
{
    static readonly string[] NestedKeys = ["model_state_dict", "state_dict", "model", "net"];
    static readonly string[] WrapperPrefixes = ["module.", "model."];

    /// <summary>Loads <paramref name="path"/> into <paramref name="model"/> (strict: every parameter and buffer, no extras, same shapes).</summary>
    public static void Load(nn.Module<Tensor, Tensor> model, string path, string architectureName)
    {
        if (!File.Exists(path)) throw new ModelFileException(path, null, "file not found");
        var file = ReadStateDict(path);
        try
        {
            var target = model.state_dict();
            var fileNames = Canonical(file.Keys);
            var modelNames = Canonical(target.Keys);
            var missing = modelNames.Keys.Where(k => !fileNames.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
            var unexpected = fileNames.Keys.Where(k => !modelNames.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
            if (missing.Count > 0 || unexpected.Count > 0)
                throw new ModelFileException(path, "state dict", $"does not fit {architectureName}: " +
                    $"missing {Names(missing)}; unexpected {Names(unexpected)}");
            using var noGrad = torch.no_grad();
            foreach (var (name, modelKey) in modelNames)
            {
                var source = file[fileNames[name]];
                var destination = target[modelKey];
                if (!source.shape.SequenceEqual(destination.shape))
                    throw new ModelFileException(path, "state dict", $"does not fit {architectureName}: '{name}' is [{string.Join(", ", source.shape)}] in the file, [{string.Join(", ", destination.shape)}] in the network");
                destination.copy_(source.to(destination.dtype, destination.device));
            }
        }
        finally
        {
            foreach (var t in file.Values) t.Dispose();
        }
    }

    static string Names(List<string> names) =>
        names.Count == 0 ? "none" : string.Join(", ", names.Take(8)) + (names.Count > 8 ? $" and {names.Count - 8} more" : "");

    /// <summary>Name without the wrapper prefixes every name shares → the original name.</summary>
    internal static Dictionary<string, string> Canonical(IEnumerable<string> names)
    {
        var list = names.ToList();
        var stripped = list.ToList();
        while (stripped.Count > 0 && WrapperPrefixes.FirstOrDefault(p => stripped.All(n => n.StartsWith(p, StringComparison.Ordinal))) is { } prefix)
            stripped = stripped.Select(n => n[prefix.Length..]).ToList();
        var result = new Dictionary<string, string>();
        for (var i = 0; i < list.Count; i++) result[stripped[i]] = list[i];
        return result;
    }

    /// <summary>The file's tensors by name, from a bare or nested state dict.</summary>
    internal static Dictionary<string, Tensor> ReadStateDict(string path)
    {
        var (root, format) = PyTorchFile.Read(path);
        if (root is not Dictionary<object, object?> table)
            throw new ModelFileException(path, null, $"holds {Describe(root)}, not a state dict; save it with torch.save(model.state_dict(), path)");
        var stored = Tensors(table);
        if (stored.Count == 0)
            foreach (var key in NestedKeys)
                if (table.GetValueOrDefault(key) is Dictionary<object, object?> nested && Tensors(nested) is { Count: > 0 } inner)
                {
                    stored = inner;
                    break;
                }
        if (stored.Count == 0)
        {
            var keys = string.Join(", ", table.Keys.Select(k => k.ToString()).Take(10));
            throw new ModelFileException(path, null, $"holds no state dict: the top-level dict has no tensors and no {string.Join("/", NestedKeys)} entry (keys: {keys})");
        }
        var tensors = new Dictionary<string, Tensor>();
        try
        {
            foreach (var (name, tensor) in stored) tensors[name] = tensor.ToTensor();
        }
        catch (InvalidDataException e)
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw new ModelFileException(path, null, $"unreadable {(format == PyTorchFileFormat.Zip ? "zip" : "legacy")}-format PyTorch checkpoint: {e.Message}", e);
        }
        return tensors;
    }

    static Dictionary<string, StoredTensor> Tensors(Dictionary<object, object?> table)
    {
        var result = new Dictionary<string, StoredTensor>();
        foreach (var (key, value) in table)
            if (key is string name && value is StoredTensor t) result[name] = t;
        return result;
    }

    static string Describe(object? root) => root switch
    {
        null => "None",
        PythonObject o => $"a pickled {o.Type} object (a whole model saved with torch.save(model)?)",
        StoredTensor => "a single tensor",
        _ => $"a {root.GetType().Name}",
    };
}
