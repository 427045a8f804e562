namespace Nlset.Geometry.Tests.IO;

/// <summary>The shared real meshes (outside the repository); tests using them skip quietly when they are absent.</summary>
public static class SharedData
{
    public static string Meshes
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "data", "meshes");
                if (Directory.Exists(candidate)) return candidate;
            }
            return Path.Combine("..", "shared", "data", "meshes");
        }
    }
}
