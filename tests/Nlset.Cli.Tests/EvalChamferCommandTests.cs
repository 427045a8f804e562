using System.Globalization;
using System.Text.Json;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Geometry.Shapes;

namespace Nlset.Cli.Tests;

public sealed class EvalChamferCommandTests() : TestFolder("nlset-eval-")
{
    static JsonElement Json(CliRun run)
    {
        Assert.True(run.ExitCode == 0, run.Err);
        return JsonDocument.Parse(run.Out).RootElement;
    }

    static double At(JsonElement e, params string[] path)
    {
        foreach (var name in path) e = e.GetProperty(name);
        return e.GetDouble();
    }

    [Fact]
    public void AMeshAgainstItselfHasNoSurfaceErrorButAChamferFloor()
    {
        var sphere = Write("sphere.ply", Icosphere.Create(3));
        var copy = Write("copy.obj", Icosphere.Create(3));
        var r = Json(CliRun.Of("eval-chamfer", sphere, copy, "--samples", "3000", "--json"));

        Assert.Equal("surface", r.GetProperty("reconstruction").GetProperty("sampledAs").GetString());
        Assert.Equal(3000, r.GetProperty("reference").GetProperty("samples").GetInt32());
        foreach (var side in new[] { "accuracy", "completeness" })
            Assert.InRange(At(r, "exactSurfaceError", side, "max"), 0, 1e-12);
        Assert.InRange(At(r, "exactSurfaceError", "sum"), 0, 1e-12);
        // Two independent samplings of one sphere (area 4π, 3000 points) are about √(4π/3000) ≈ 0.065 apart.
        Assert.InRange(At(r, "chamferL2", "sum"), 0.01, 0.1);
        Assert.True(At(r, "chamferL1", "sum") > At(r, "chamferL2", "sum")); // |x|₁ ≥ |x|₂
        Assert.InRange(At(r, "normalConsistency", "mean"), 0.95, 1);
    }

    [Fact]
    public void AConcentricSphereIsItsRadialGapAway()
    {
        // Every distance between icospheres of radii r and r + δ lies in [δ(1 − sag/r), δ]
        // (ExactSurfaceErrorTests); at 4 subdivisions the facet sag is below 0.2 % of r.
        const double delta = 0.01;
        var inner = Write("inner.ply", Icosphere.Create(4, 1));
        var outer = Write("outer.ply", Icosphere.Create(4, 1 + delta));
        var r = Json(CliRun.Of("eval-chamfer", outer, inner, "--samples", "4000", "--seed", "3", "--json"));
        foreach (var side in new[] { "accuracy", "completeness" })
            foreach (var statistic in new[] { "mean", "p90", "p99", "max" })
                Assert.InRange(At(r, "exactSurfaceError", side, statistic), delta * (1 - 2e-3), delta + 1e-12);
        Assert.Equal(At(r, "exactSurfaceError", "accuracy", "mean") + At(r, "exactSurfaceError", "completeness", "mean"), At(r, "exactSurfaceError", "sum"), 15);
        Assert.True(At(r, "chamferL2", "accuracy") > delta * (1 - 2e-3));
    }

    [Fact]
    public void JsonHasEveryFigureAndTheTableShowsThemTimesAThousand()
    {
        var sphere = Write("sphere.ply", Icosphere.Create(3));
        var bigger = Write("bigger.ply", Icosphere.Create(3, 1.05));
        var json = CliRun.Of("eval-chamfer", sphere, bigger, "--samples", "2000", "--json");
        var r = Json(json);
        foreach (var metric in new[] { "chamferL1", "chamferL2" })
            foreach (var field in new[] { "accuracy", "completeness", "sum" })
                Assert.True(At(r, metric, field) > 0);
        foreach (var field in new[] { "accuracy", "completeness", "max" }) Assert.True(At(r, "hausdorff", field) > 0);
        foreach (var field in new[] { "precision", "recall", "f" }) Assert.InRange(At(r, "fScore", field), 0, 1);
        Assert.True(r.GetProperty("fScore").GetProperty("defaultThreshold").GetBoolean());
        // Default threshold: 1 % of the reference's bounding-box diagonal (the level-3 icosphere's box is 2.1·(2·0.95..)).
        Assert.Equal(0.01 * GeometryFiles.Read(bigger).Bounds.Diagonal, At(r, "fScore", "threshold"), 15);
        Assert.Equal(0, r.GetProperty("seed").GetInt64());

        var table = CliRun.Of("eval-chamfer", sphere, bigger, "--samples", "2000");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("x 1000", table.Out);
        Assert.Contains("2000 samples uniform by area", table.Out);
        string l2 = (1000 * At(r, "chamferL2", "sum")).ToString("F4", CultureInfo.InvariantCulture);
        Assert.Matches($@"Chamfer L2 .* {l2.Replace(".", @"\.")}  \(sum of means\)", table.Out);
        string threshold = At(r, "fScore", "threshold").ToString("G6", CultureInfo.InvariantCulture);
        Assert.Contains($"F-score at threshold {threshold}", table.Out);
    }

    [Fact]
    public void PointSetsAreUsedWholeOrSubsampled()
    {
        var sphere = Write("sphere.ply", Icosphere.Create(3));
        Assert.Equal(0, CliRun.Of("sample", sphere, "-n", "1500", "-o", P("cloud.ply")).ExitCode);
        var cloud = P("cloud.ply");

        var whole = Json(CliRun.Of("eval-chamfer", cloud, sphere, "--samples", "1000", "--json"));
        Assert.Equal("pointSet", whole.GetProperty("reconstruction").GetProperty("sampledAs").GetString());
        Assert.Equal(1500, whole.GetProperty("reconstruction").GetProperty("samples").GetInt32());
        Assert.Equal(1000, whole.GetProperty("reference").GetProperty("samples").GetInt32());
        Assert.False(whole.TryGetProperty("exactSurfaceError", out _));
        Assert.False(whole.TryGetProperty("normalConsistency", out _));

        var cut = Json(CliRun.Of("eval-chamfer", cloud, sphere, "--samples", "1000", "--subsample", "--fscore-threshold", "0.5", "--json"));
        Assert.Equal(1000, cut.GetProperty("reconstruction").GetProperty("samples").GetInt32());
        Assert.True(cut.GetProperty("subsample").GetBoolean());
        Assert.Equal(0.5, At(cut, "fScore", "threshold"));
        Assert.False(cut.GetProperty("fScore").GetProperty("defaultThreshold").GetBoolean());
        Assert.Equal(1.0, At(cut, "fScore", "f")); // every point of a sphere sampling is within 0.5 of the other's

        var table = CliRun.Of("eval-chamfer", cloud, sphere, "--samples", "1000");
        Assert.Contains("point set, 1500 points", table.Out);
        Assert.Contains("needs two triangle meshes", table.Out);
    }

    [Fact]
    public void DefaultsAreThePapersThirtyThousandSamplesAndSeedZero()
    {
        var sphere = Write("sphere.ply", Icosphere.Create(1));
        var r = Json(CliRun.Of("eval-chamfer", sphere, sphere, "--json"));
        Assert.Equal(30_000, r.GetProperty("reconstruction").GetProperty("samples").GetInt32());
        Assert.Equal(30_000, r.GetProperty("reference").GetProperty("samples").GetInt32());
        Assert.Equal(0, r.GetProperty("seed").GetInt64());
        Assert.False(r.GetProperty("subsample").GetBoolean());
    }

    [Fact]
    public void BadInputsAreOneLine()
    {
        var sphere = Write("sphere.ply", Icosphere.Create(1));
        var empty = Write("empty.ply", Mesh.PointCloud([]));
        CliRun.Of("eval-chamfer", P("recon.ply"), sphere).AssertBadInput("recon.ply", "no such file");
        CliRun.Of("eval-chamfer", sphere, P("gt.off")).AssertBadInput("gt.off", "no such file");
        CliRun.Of("eval-chamfer", sphere, empty).AssertBadInput("empty.ply", "no vertices");
        CliRun.Of("eval-chamfer", sphere, sphere, "--samples", "0").AssertBadInput("--samples");
        CliRun.Of("eval-chamfer", sphere, sphere, "--samples", "lots").AssertBadInput("--samples", "lots");
        CliRun.Of("eval-chamfer", sphere, sphere, "--fscore-threshold", "0").AssertBadInput("--fscore-threshold");
        CliRun.Of("eval-chamfer", sphere, sphere, "--fscore-threshold", "-1").AssertBadInput("--fscore-threshold");
        CliRun.Of("eval-chamfer", sphere, sphere, "--fscore-threshold", "Infinity").AssertBadInput("--fscore-threshold");
        CliRun.Of("eval-chamfer", sphere).AssertBadInput();
    }
}
