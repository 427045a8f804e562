namespace Nlset.Classification.Models.PyTorch;

/// <summary>
/// The pickle at the heart of a torch.save file: tensors are calls of <c>torch._utils._rebuild_tensor_v2</c> (or
/// <c>_rebuild_parameter</c> around one) on storages the pickle names by persistent id
/// <c>('storage', torch.FloatStorage, key, location, numel[, view_metadata])</c> (torch/serialization.py, both formats).
/// Tensors come back as <see cref="StoredTensor"/>s whose storages, collected in <see cref="Storages"/> by key, the
/// format reader fills with bytes afterwards.
/// </summary>
public sealed class TorchPickle(Stream stream) : PickleReader(stream)
{
    /// <summary>A storage, or the legacy format's view of one (a slice that starts <paramref name="Offset"/> elements in).</summary>
    sealed record StorageView(TorchStorage Storage, long Offset);

    readonly Dictionary<string, TorchStorage> _storages = new();

    /// <summary>The storages the pickle referred to, by key.</summary>
    public IReadOnlyDictionary<string, TorchStorage> Storages => _storages;

    protected override object? PersistentLoad(object? id)
    {
        if (id is not object?[] { Length: >= 2 } tuple || Text(tuple[0]) is not { } kind)
            throw new InvalidDataException($"a persistent id that is not a storage tuple ({id?.GetType().Name ?? "None"})");
        if (kind == "module")                                        // legacy torch.save(model): ('module', class, file, source)
            return tuple[1];
        if (kind != "storage" || tuple.Length < 5) throw new InvalidDataException($"a persistent id of kind '{kind}' with {tuple.Length} fields (expected ('storage', type, key, location, numel))");
        if (tuple[1] is not PythonGlobal storageClass || TorchStorage.TypeOf(storageClass) is not { } type)
            throw new InvalidDataException($"a storage of type {tuple[1]} (this tool reads float, double, half, bfloat16, long, int, short, char, byte and bool storages)");
        var key = Text(tuple[2]) ?? throw new InvalidDataException("a storage without a key");
        if (tuple[4] is not long elements || elements < 0) throw new InvalidDataException($"storage '{key}' has no element count");
        if (!_storages.TryGetValue(key, out var storage))
            _storages[key] = storage = new TorchStorage(key, type.DType, type.ElementSize, elements);
        else if (storage.DType != type.DType) throw new InvalidDataException($"storage '{key}' is used as {storage.DType} and {type.DType}");
        // Legacy files of PyTorch < 0.4 may name a view of a storage: (view_key, offset, view_size).
        if (tuple.Length > 5 && tuple[5] is object?[] { Length: 3 } view && view[1] is long offset)
            return new StorageView(storage, offset);
        return new StorageView(storage, 0);
    }

    protected override object? Call(PythonGlobal callable, object?[] arguments)
    {
        switch (callable.Module, callable.Name)
        {
            case ("torch._utils", "_rebuild_tensor_v2" or "_rebuild_tensor") when arguments.Length >= 4:
                if (arguments[0] is not StorageView view) throw new InvalidDataException($"{callable.Name} of something that is not a storage");
                return new StoredTensor(view.Storage, view.Offset + Long(arguments[1], "storage offset"), Longs(arguments[2], "size"), Longs(arguments[3], "stride"));
            case ("torch._utils", "_rebuild_parameter" or "_rebuild_parameter_with_state") when arguments.Length >= 1:
                return arguments[0];                                 // nn.Parameter(data): the data is what a state dict needs
            case ("torch", "Size") when arguments is [List<object?> sizes]:
                return sizes.ToArray();
            default:
                return base.Call(callable, arguments);
        }
    }

    static string? Text(object? value) => value switch
    {
        string s => s,
        byte[] b => System.Text.Encoding.ASCII.GetString(b),
        long n => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    static long Long(object? value, string what) => value as long? ?? throw new InvalidDataException($"a tensor whose {what} is not an integer");

    static long[] Longs(object? value, string what) => value switch
    {
        object?[] tuple => tuple.Select(v => Long(v, what)).ToArray(),
        List<object?> list => list.Select(v => Long(v, what)).ToArray(),
        _ => throw new InvalidDataException($"a tensor whose {what} is not a tuple"),
    };
}
