using static TorchSharp.torch;

namespace Nlset.Classification.Models.PyTorch;

/// <summary>
/// One storage of a torch.save file: the flat buffer of <see cref="Elements"/> values of one dtype that tensors view.
/// The pickle names it by key (its persistent id: <c>('storage', torch.FloatStorage, key, location, numel)</c>); the
/// bytes come from elsewhere in the file (a zip entry, or the legacy format's tail) and are set by the format reader.
/// </summary>
public sealed class TorchStorage(string key, ScalarType dtype, int elementSize, long elements)
{
    public string Key { get; } = key;
    public ScalarType DType { get; } = dtype;
    public int ElementSize { get; } = elementSize;
    public long Elements { get; } = elements;
    /// <summary>The little-endian values, <see cref="Elements"/> × <see cref="ElementSize"/> bytes; null until read.</summary>
    public byte[]? Bytes { get; set; }

    public long ByteCount => Elements * ElementSize;

    /// <summary>The dtype and element size of a storage class (<c>torch.FloatStorage</c> …), or null if unknown.</summary>
    public static (ScalarType DType, int ElementSize)? TypeOf(PythonGlobal storageClass) =>
        storageClass.Module != "torch" ? null : storageClass.Name switch
        {
            "FloatStorage" => (ScalarType.Float32, 4),
            "DoubleStorage" => (ScalarType.Float64, 8),
            "HalfStorage" => (ScalarType.Float16, 2),
            "BFloat16Storage" => (ScalarType.BFloat16, 2),
            "LongStorage" => (ScalarType.Int64, 8),
            "IntStorage" => (ScalarType.Int32, 4),
            "ShortStorage" => (ScalarType.Int16, 2),
            "CharStorage" => (ScalarType.Int8, 1),
            "ByteStorage" => (ScalarType.Byte, 1),
            "BoolStorage" => (ScalarType.Bool, 1),
            _ => null,
        };
}

/// <summary>
/// A tensor as the pickle describes it (<c>torch._utils._rebuild_tensor_v2(storage, offset, size, stride, …)</c>):
/// a strided view of a storage. Nothing is allocated until <see cref="ToTensor"/>, so the extras of a checkpoint
/// (optimizer moments …) cost no tensor memory.
/// </summary>
public sealed record StoredTensor(TorchStorage Storage, long Offset, long[] Shape, long[] Stride)
{
    /// <summary>The last element the view reaches, +1 (0 for an empty tensor).</summary>
    public long Extent => Shape.Any(s => s == 0) ? 0 : Offset + Shape.Zip(Stride, (s, d) => (s - 1) * d).Sum() + 1;

    /// <summary>A new contiguous CPU tensor with the view's values.</summary>
    public Tensor ToTensor()
    {
        var bytes = Storage.Bytes ?? throw new InvalidDataException($"storage '{Storage.Key}' has no data");
        if (Extent > Storage.Elements)
            throw new InvalidDataException($"a tensor of shape [{string.Join(", ", Shape)}] reaches element {Extent} of storage '{Storage.Key}', which holds {Storage.Elements}");
        using var flat = empty(Storage.Elements, Storage.DType);
        if (bytes.Length > 0) flat.bytes = bytes;
        using var view = flat.as_strided(Shape, Stride, Offset);
        return view.clone();
    }
}
