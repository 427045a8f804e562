using System.Collections;
using System.Reflection;
using Nlset.Geometry.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Models;

/// <summary>
/// Loads PyTorch checkpoints (.pth / .pt written by <c>torch.save</c>, zip format) into our networks through
/// TorchSharp.PyBridge's unpickler. Accepted shapes, as real checkpoints come:
/// <list type="bullet">
/// <item>a bare state dict (<c>torch.save(model.state_dict(), f)</c>);</item>
/// <item>a dict holding it under <c>model_state_dict</c>, <c>state_dict</c>, <c>model</c> or <c>net</c> beside other entries (epoch, optimizer …);</item>
/// <item>keys with wrapper prefixes: <c>module.</c> (DataParallel), <c>model.</c> (a wrapper module), also combined.</item>
/// </list>
/// Names are matched after stripping, on both sides, the leading <c>module.</c>/<c>model.</c> segments that all names
/// share, so the authors' ConvNet-4a keys (<c>model.conv1.weight</c>) and a DataParallel-wrapped copy
/// (<c>module.model.conv1.weight</c>) both load. Anything else fails with one line listing the missing and unexpected
/// names (a <see cref="GeometryFileException"/>: exit code 2).
/// </summary>
public static class CheckpointImport
{
    static readonly string[] NestedKeys = ["model_state_dict", "state_dict", "model", "net"];
    static readonly string[] WrapperPrefixes = ["module.", "model."];

    /// <summary>Loads <paramref name="path"/> into <paramref name="model"/> (strict: every parameter and buffer, no extras, same shapes).</summary>
    public static void Load(nn.Module<Tensor, Tensor> model, string path, string architectureName)
    {
        if (!File.Exists(path)) throw new GeometryFileException(path, null, "file not found");
        var file = ReadStateDict(path);
        try
        {
            var target = model.state_dict();
            var fileNames = Canonical(file.Keys);
            var modelNames = Canonical(target.Keys);
            var missing = modelNames.Keys.Where(k => !fileNames.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
            var unexpected = fileNames.Keys.Where(k => !modelNames.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
            if (missing.Count > 0 || unexpected.Count > 0)
                throw new GeometryFileException(path, "state dict", $"does not fit {architectureName}: " +
                    $"missing {Names(missing)}; unexpected {Names(unexpected)}");
            using var noGrad = torch.no_grad();
            foreach (var (name, modelKey) in modelNames)
            {
                var source = file[fileNames[name]];
                var destination = target[modelKey];
                if (!source.shape.SequenceEqual(destination.shape))
                    throw new GeometryFileException(path, "state dict", $"does not fit {architectureName}: '{name}' is [{string.Join(", ", source.shape)}] in the file, [{string.Join(", ", destination.shape)}] in the network");
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
        Hashtable table;
        try
        {
            using var stream = File.OpenRead(path);
            table = Unpickle(stream);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not GeometryFileException)
        {
            var inner = e is TargetInvocationException { InnerException: { } i } ? i : e;
            throw new GeometryFileException(path, null, $"not a PyTorch checkpoint this tool can read ({inner.GetType().Name}: {inner.Message}); save it with torch.save(model.state_dict(), path)", inner);
        }
        var tensors = Tensors(table);
        if (tensors.Count > 0) return tensors;
        foreach (var key in NestedKeys)
            if (table[key] is Hashtable nested && Tensors(nested) is { Count: > 0 } inner) return inner;
        var keys = string.Join(", ", table.Keys.Cast<object>().Select(k => k.ToString()).Take(10));
        throw new GeometryFileException(path, null, $"holds no state dict: the top-level dict has no tensors and no {string.Join("/", NestedKeys)} entry (keys: {keys})");
    }

    static Dictionary<string, Tensor> Tensors(Hashtable table)
    {
        var result = new Dictionary<string, Tensor>();
        foreach (DictionaryEntry entry in table)
            if (entry.Key is string name && entry.Value is Tensor t) result[name] = t;
        return result;
    }

    /// <summary>
    /// TorchSharp.PyBridge 1.4.4 reads state dicts with its PyTorchUnpickler, which is internal; its public load_py casts
    /// every top-level value to a tensor, so it cannot read a checkpoint that nests the state dict beside an epoch number.
    /// The unpickler itself returns the whole top-level dict, nested dicts included, so it is called directly.
    /// </summary>
    static Hashtable Unpickle(Stream stream)
    {
        var type = typeof(TorchSharp.PyBridge.PyBridgeModuleExtensions).Assembly.GetType("TorchSharp.PyBridge.PyTorchUnpickler")
            ?? throw new InvalidOperationException("TorchSharp.PyBridge has no PyTorchUnpickler (package version changed?)");
        var method = type.GetMethod("UnpickleStateDict", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(Stream), typeof(bool), typeof(bool)])
            ?? throw new InvalidOperationException("TorchSharp.PyBridge's PyTorchUnpickler has no UnpickleStateDict(Stream, bool, bool)");
        return (Hashtable)method.Invoke(null, [stream, true, false])!;   // leave the stream open (ours), read the tensors now
    }
}
