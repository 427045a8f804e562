using System.Text;
using System.Text.Json;
using Nlset.Geometry;

namespace Nlset.Core;

/// <summary>
/// A kind of <see cref="ModelFile"/>: the magic that starts it, how messages call a file of this kind, and the versions
/// this build reads.
/// </summary>
/// <param name="Magic">Eight ASCII letters, e.g. "NLSETNET".</param>
/// <param name="Name">For "not an … (it does not start with …)", e.g. "nlset network file".</param>
public sealed record ModelFileKind(string Magic, string Name, int OldestVersion, int NewestVersion)
{
    /// <summary>"1", "1 and 2" or "1 to 3".</summary>
    internal string VersionsRead => OldestVersion == NewestVersion ? $"{NewestVersion}"
        : NewestVersion == OldestVersion + 1 ? $"{OldestVersion} and {NewestVersion}"
        : $"{OldestVersion} to {NewestVersion}";
}

/// <summary>
/// The container every nlset model file shares (networks .nlnet, classifiers .nlcls, robust checkpoints .pt).
/// Layout (little-endian, .NET BinaryWriter: strings with a 7-bit length prefix, UTF-8):
/// <code>
///   8 bytes   ASCII magic naming the kind (<see cref="ModelFileKind.Magic"/>)
///   int32     the kind's format version
///   ...       the kind's header (its spec and metadata strings), then its body (the weights in TorchSharp's
///             state-dict format, PyTorch parameter names, and what else the kind keeps)
/// </code>
/// Files are written atomically (<see cref="WriteAtomically"/>), and every way a file can be unusable — missing, of
/// another kind, of an unknown version, truncated, with weights that do not fit — is one <see cref="ModelFileException"/>
/// naming the file and the part at fault.
/// </summary>
public static class ModelFile
{
    /// <summary>What a file is written to before it is renamed into place.</summary>
    public const string PartialSuffix = ".partial";

    /// <summary>Writes a file of <paramref name="kind"/>: the magic and <paramref name="version"/>, then the kind's header
    /// and body as <paramref name="write"/> puts them.</summary>
    public static void Write(string path, ModelFileKind kind, int version, Action<BinaryWriter> write) =>
        WriteAtomically(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Encoding.ASCII.GetBytes(kind.Magic));
            writer.Write(version);
            write(writer);
            writer.Flush();
        });

    /// <summary>
    /// Writes PATH.partial, flushes it to disk and renames it over <paramref name="path"/>, so that a crash or a full disk
    /// never leaves a half-written model under the real name (a checkpoint that is being replaced stays whole). When
    /// writing fails the partial file is removed and the failure passes on.
    /// </summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        var temporary = path + PartialSuffix;
        try
        {
            using (var stream = File.Create(temporary))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The failure of the write is the one worth reporting.
        }
    }

    /// <summary>Opens a file of <paramref name="kind"/> and checks its magic and version; the caller reads its header and body through the reader.</summary>
    public static ModelFileReader Open(string path, ModelFileKind kind)
    {
        if (!File.Exists(path)) throw new ModelFileException(path, null, "file not found");
        var stream = File.OpenRead(path);
        var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            var magic = reader.ReadBytes(kind.Magic.Length);
            if (magic.Length != kind.Magic.Length || Encoding.ASCII.GetString(magic) != kind.Magic)
                throw new ModelFileException(path, null, $"not an {kind.Name} (it does not start with \"{kind.Magic}\")");
            int version;
            try
            {
                version = reader.ReadInt32();
            }
            catch (EndOfStreamException e)
            {
                throw new ModelFileException(path, "header", $"truncated or corrupt ({e.Message})", e);
            }
            if (version < kind.OldestVersion || version > kind.NewestVersion)
                throw new ModelFileException(path, "header", $"format version {version} is not supported (this build reads {kind.VersionsRead})");
            return new ModelFileReader(path, version, reader);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }
}

/// <summary>
/// An open <see cref="ModelFile"/> after its magic and version: reads the kind's header and body, turning every failure
/// into a <see cref="ModelFileException"/> that names the file and the part at fault.
/// </summary>
public sealed class ModelFileReader : IDisposable
{
    readonly BinaryReader _reader;

    internal ModelFileReader(string path, int version, BinaryReader reader)
    {
        Path = path;
        Version = version;
        _reader = reader;
    }

    public string Path { get; }
    public int Version { get; }

    /// <summary>Bytes not read yet.</summary>
    public long Remaining => _reader.BaseStream.Length - _reader.BaseStream.Position;

    /// <summary>
    /// Reads the kind's header. A file cut short or garbled there is "header: truncated or corrupt (…)"; a header that
    /// reads but is not valid (an <see cref="InvalidInputException"/>, e.g. a spec that does not parse) gives that message.
    /// </summary>
    public T Header<T>(Func<BinaryReader, T> read)
    {
        try
        {
            return read(_reader);
        }
        catch (ModelFileException)
        {
            throw;
        }
        catch (InvalidInputException e)
        {
            throw new ModelFileException(Path, "header", e.Message, e);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException or JsonException
                                      or InvalidOperationException or NullReferenceException)
        {
            throw new ModelFileException(Path, "header", $"truncated or corrupt ({e.Message})", e);
        }
    }

    /// <summary>
    /// Refuses a file too short for the weights of <paramref name="parameterCount"/> float32 parameters before a model is
    /// built for them, so that a damaged header cannot make us allocate a huge network.
    /// </summary>
    public void RequireRoomFor(long parameterCount, string model)
    {
        if (Remaining < 4 * parameterCount)
            throw new ModelFileException(Path, "weights", $"truncated: {Remaining} bytes cannot hold the {parameterCount} parameters of {model}");
    }

    /// <summary>
    /// Reads the body into <paramref name="model"/> (its weights and what else the kind keeps), then checks that the file
    /// ends there. On failure the model is disposed: a file that ends early is "weights: truncated: …", anything else
    /// "weights: do not match <paramref name="what"/>: …".
    /// </summary>
    /// <param name="what">What the weights should fit, e.g. "the network 8x512,relu,…" or "convnet4a".</param>
    public void Body(IDisposable model, string what, Action<BinaryReader> read)
    {
        try
        {
            read(_reader);
            if (Remaining != 0) throw new InvalidDataException($"{Remaining} bytes after the weights");
        }
        catch (EndOfStreamException e)
        {
            model.Dispose();
            throw new ModelFileException(Path, "weights", "truncated: the file ends inside the weights", e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            model.Dispose();
            throw new ModelFileException(Path, "weights", $"do not match {what}: {e.Message}", e);
        }
    }

    public void Dispose() => _reader.Dispose();
}
