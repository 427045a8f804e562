namespace Nlset.Geometry.IO;

/// <summary>
/// Writes a file so that it is either wholly replaced or left as it was: the bytes go to a temporary
/// file in the same directory (same file system, so the final move is an atomic rename), which is
/// flushed to disk and then moved over the target. On any failure the temporary file is deleted, and a failure of
/// the file system is reported for the path asked for (the temporary file's name means nothing to the user).
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? ".";
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new GeometryFileException(path, null, e switch
            {
                DirectoryNotFoundException => "no such directory",
                UnauthorizedAccessException => "permission denied",
                // Linux's /proc and /sys refuse new files with ENOENT although the folder exists.
                FileNotFoundException when File.Exists(temporary) is false => $"cannot create files in {directory}",
                _ => $"cannot write: {e.Message.Replace(temporary, full)}",
            }, e);
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
        catch (IOException)
        {
            // The original failure is the one worth reporting; a leftover temporary file is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
