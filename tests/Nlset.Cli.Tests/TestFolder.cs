using Nlset.Geometry;
using Nlset.Geometry.IO;

namespace Nlset.Cli.Tests;

/// <summary>
/// A command test class's temporary folder: xunit makes one instance per test, so each test gets a fresh folder,
/// removed when the test ends.
/// </summary>
public abstract class TestFolder(string prefix) : IDisposable
{
    protected string Dir { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>A path in the folder.</summary>
    protected string P(string name) => Path.Combine(Dir, name);

    /// <summary>Writes <paramref name="mesh"/> into the folder (the format follows the extension) and returns its path.</summary>
    protected string Write(string name, Mesh mesh)
    {
        GeometryFiles.Write(P(name), mesh);
        return P(name);
    }

    /// <summary><see cref="TestMeshes.SphereCloud"/> written into the folder.</summary>
    protected string SphereCloud(string name = "sphere.xyz") => Write(name, TestMeshes.SphereCloud());

    public virtual void Dispose() => Directory.Delete(Dir, recursive: true);
}
