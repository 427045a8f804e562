using Nlset.Core;

namespace Nlset.Classification.Models.PyTorch;

/// <summary>Which of torch.save's two serializations a file is in.</summary>
public enum PyTorchFileFormat
{
    /// <summary>torch.save since PyTorch 1.6 (2020).</summary>
    Zip,
    /// <summary>torch.save before 1.6, or with <c>_use_new_zipfile_serialization=False</c>.</summary>
    Legacy,
}

/// <summary>
/// Reads a file written by torch.save in either serialization into plain values (see <see cref="PickleReader"/>), its
/// tensors as <see cref="StoredTensor"/>s. Never executes anything from the file. A file in neither format, a truncated
/// file or a malformed pickle gives a <see cref="ModelFileException"/> naming the file (the CLI: one line, exit 2).
/// </summary>
public static class PyTorchFile
{
    public static (object? Root, PyTorchFileFormat Format) Read(string path)
    {
        if (!File.Exists(path)) throw new ModelFileException(path, null, "file not found");
        using var stream = File.OpenRead(path);
        PyTorchFileFormat? format = ZipTorchFormat.Sniff(stream) ? PyTorchFileFormat.Zip
            : LegacyTorchFormat.Sniff(stream) ? PyTorchFileFormat.Legacy
            : null;
        if (format is null)
            throw new ModelFileException(path, null, $"not a PyTorch checkpoint: neither torch.save's zip format nor its legacy format ({Head(stream)})");
        var name = format == PyTorchFileFormat.Zip ? "zip-format" : "legacy-format";
        try
        {
            var root = format == PyTorchFileFormat.Zip ? ZipTorchFormat.Read(stream) : LegacyTorchFormat.Read(stream);
            return (root, format.Value);
        }
        catch (EndOfStreamException e)
        {
            throw new ModelFileException(path, null, $"truncated {name} PyTorch checkpoint: {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            throw new ModelFileException(path, null, $"unreadable {name} PyTorch checkpoint: {e.Message}", e);
        }
    }

    static string Head(Stream stream)
    {
        stream.Position = 0;
        var head = new byte[Math.Min(8, stream.Length)];
        stream.ReadExactly(head);
        return stream.Length == 0 ? "the file is empty" : $"{stream.Length} bytes starting {Convert.ToHexString(head).ToLowerInvariant()}";
    }
}
