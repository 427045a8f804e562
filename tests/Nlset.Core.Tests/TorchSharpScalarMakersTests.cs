using TorchSharp;
using Xunit;

namespace Nlset.Core.Tests;

public class TorchSharpScalarMakersTests
{
    static string ListPath => Path.Combine(RepositoryRoot(), "build", "Nlset.Analyzers", "TorchSharpScalarMakers.txt");

    [Fact]
    public void TheAnalyzersListIsTheScanOfTheTorchSharpWeBuildAgainst()
    {
        var scanned = TorchSharpScalarMakers.Scan(typeof(torch).Assembly.Location);
        var listed = File.ReadAllLines(ListPath).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var missing = scanned.Except(listed).ToList();
        var stale = listed.Except(scanned).ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0,
            $"{ListPath} is out of date: missing {string.Join("; ", missing)}; no longer made: {string.Join("; ", stale)}");
    }

    [Fact]
    public void TheScanFindsTheKnownHazards()
    {
        var scanned = TorchSharpScalarMakers.Scan(typeof(torch).Assembly.Location);
        // tensor + tensor goes through add(target, 1); Adam's step passes beta1 as an implicit Scalar in a lambda.
        Assert.Contains("TorchSharp.torch+Tensor::op_Addition(Tensor,Tensor)", scanned);
        Assert.Contains("TorchSharp.torch+Tensor::op_Multiply(Tensor,Double)", scanned);
        Assert.Contains("TorchSharp.torch+Tensor::square()", scanned);
        Assert.Contains("TorchSharp.Modules.Adam::step(*)", scanned);
        Assert.DoesNotContain("TorchSharp.torch+Tensor::mul(Scalar)", scanned);
        Assert.DoesNotContain("TorchSharp.torch+Tensor::op_Subtraction(Tensor,Tensor)", scanned);
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Reconstruct.sln"))) return dir.FullName;
        throw new InvalidOperationException("Reconstruct.sln not found above " + AppContext.BaseDirectory);
    }
}
