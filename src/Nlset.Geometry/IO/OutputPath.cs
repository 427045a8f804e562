

namespace Nlset.Geometry.IO;

/// <summary>
/// Checks an output before any work is done, so a long training never ends in "cannot write": the extension is one
/// the writer knows, the path is not a folder, its folder exists and takes new files (a test file is created and
/// deleted: permissions, read-only mounts and /proc are only found out by trying), and it is not one of the inputs.
/// </summary>
public static class OutputPath
{
    /// <summary>An output of any extension (a log file).</summary>
    /// <param name="what">How the message names the output, e.g. "-o" or "--log-file".</param>
    public static void Check(string path, string what) => Check(path, what, "it");

    /// <param name="kind">What is written, for the message: "a mesh is written as .ply, .obj, ..."</param>
    /// <param name="extensions">Extensions the writer takes (".ply"), or none to take any.</param>
    public static void Check(string path, string what, string kind, params string[] extensions)
    {
        string ext = Path.GetExtension(path);
        if (extensions.Length > 0 && !extensions.Contains(ext, StringComparer.OrdinalIgnoreCase))
            throw new InvalidInputException($"{what} {path}: {kind} is written as {string.Join(", ", extensions)}, not '{ext}'");
        if (Directory.Exists(path)) throw new InvalidInputException($"{what} {path}: is a folder, not a file");
        CheckFolder(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", $"{what} {path}");
    }

    /// <summary>A folder that will receive files: it exists and takes new files, or its parent does (it is created then).</summary>
    public static void CheckFolderToCreate(string dir, string what)
    {
        var full = Path.GetFullPath(dir);
        if (File.Exists(full)) throw new InvalidInputException($"{what} {dir}: is a file, not a folder");
        CheckFolder(Directory.Exists(full) ? full : Path.GetDirectoryName(full) ?? ".", $"{what} {dir}");
    }

    /// <summary>Refuses an output that would replace one of the inputs, unless <paramref name="force"/> says so;
    /// commands without that setting (<paramref name="force"/> null) always refuse.</summary>
    public static void NotAnInput(string output, bool? force, params string[] inputs)
    {
        if (force == true) return;
        var target = Path.GetFullPath(output);
        foreach (var input in inputs)
            if (string.Equals(Path.GetFullPath(input), target, StringComparison.Ordinal))
                throw force is null
                    ? InvalidInputException.ForSetting("Output", name => $"{output}: is also the input; writing it would replace the input (choose another {name})")
                    : InvalidInputException.ForSetting("Force", name => $"{output}: is also the input; writing it would replace the input (give {name} to do so)");
    }

    static void CheckFolder(string dir, string what)
    {
        if (!Directory.Exists(dir)) throw new InvalidInputException($"{what}: the folder {dir} does not exist");
        if (!TakesNewFiles(dir)) throw new InvalidInputException($"{what}: cannot create files in {dir}");
    }

    static bool TakesNewFiles(string dir)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(dir, $".nlset-write-test-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write,
                FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
