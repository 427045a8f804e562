using System.Text.Json;

namespace Nlset.Cli.Tests;

/// <summary>Every file shipped in data-samples/ is readable and is what its README says.</summary>
public class DataSamplesTests
{
    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Reconstruct.sln"))) return dir.FullName;
        throw new InvalidOperationException("Reconstruct.sln not found above " + AppContext.BaseDirectory);
    }

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(RepositoryRoot(), "data-samples")))
            if (Path.GetExtension(f) is ".ply" or ".xyz" or ".obj" or ".off") data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void InfoReadsEverySample(string name)
    {
        var path = Path.Combine(RepositoryRoot(), "data-samples", name);
        var run = CliRun.Of("info", path, "--json");
        Assert.True(run.ExitCode == 0, run.Err);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.True(doc.RootElement.GetProperty("vertices").GetInt32() >= 1000);
        Assert.Contains(name, File.ReadAllText(Path.Combine(RepositoryRoot(), "data-samples", "README.md")));
    }

    [Fact]
    public void LogFileReceivesDebugLines()
    {
        var log = Path.Combine(Path.GetTempPath(), $"nlset-log-{Guid.NewGuid():N}.txt");
        try
        {
            var run = CliRun.Of("info", Path.Combine(RepositoryRoot(), "data-samples", "torus.xyz"), "--log-file", log, "--quiet");
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("Reading", File.ReadAllText(log));
            Assert.Equal("", run.Err);
        }
        finally
        {
            File.Delete(log);
        }
    }
}
