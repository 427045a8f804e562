using System.Text.Json;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Geometry.Randomness;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;

using Nlset.Cli.Reporting;

namespace Nlset.Cli.Tests;

/// <summary>--preview and --plots on reconstruct (surfaces and curves) and extract, on tiny settings (seconds).</summary>
[Collection(TorchCollection.Name)]
public sealed class PreviewAndPlotsTests() : TestFolder("nlset-preview-")
{
    static readonly string[] Tiny = ["--iterations", "30", "--network", "2x32", "--batch-size", "256", "--resolution", "24", "--device", "cpu"];

    // Smaller than the reconstruct tests' sphere: previews and plots need a surface, not a good one.
    string SmallSphereCloud() => Write("sphere.xyz", SurfaceSampler.SamplePointCloud(Icosphere.Create(3, radius: 2), 800, seed: 5));

    [Fact]
    public void ReconstructWritesThePreviewAndTheLossPlotAndExtractAPreview()
    {
        var run = CliRun.Of(["reconstruct", SmallSphereCloud(), "--preview", P("preview.png"), "--plots", P("plots"), "--save-model", P("m.nlnet"), "--json", .. Tiny]);
        Assert.True(run.ExitCode == 0, run.Err);
        var preview = Nlset.Cli.Reporting.PreviewPicture.Settings;
        PngAssert.IsPng(P("preview.png"), preview.TotalWidth, preview.Height);
        PngAssert.IsPng(Path.Combine(P("plots"), "loss.png"), 900, 840);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(P("preview.png"), json.RootElement.GetProperty("preview").GetString());
        Assert.Equal(Path.Combine(P("plots"), "loss.png"), json.RootElement.GetProperty("lossPlot").GetString());

        var extract = CliRun.Of("extract", P("m.nlnet"), "-o", P("again.ply"), "--resolution", "24", "--device", "cpu", "--preview", P("again.png"));
        Assert.True(extract.ExitCode == 0, extract.Err);
        PngAssert.IsPng(P("again.png"), preview.TotalWidth, preview.Height);
    }

    [Fact]
    public void CurveReconstructionWritesItsPreviewAndPlots()
    {
        var circle = ParametricCurves.Circle(3, new Vector3d(0, 0, 1), segments: 360);
        GeometryFiles.Write(P("circle.xyz"), Mesh.PointCloud(new SurfaceSampler(circle).Sample(300, new SeededRandom(2), noiseSigma: 0.02).Points));
        var run = CliRun.Of("reconstruct", P("circle.xyz"), "--curve", "--iterations", "150", "--network", "2x32", "--batch-size", "256",
            "--resolution", "32", "--device", "cpu", "--preview", P("curve.png"), "--plots", P("curve-plots"));
        Assert.True(run.ExitCode == 0, run.Err);
        PngAssert.IsPng(P("curve.png"), Nlset.Cli.Reporting.PreviewPicture.Settings.TotalWidth, Nlset.Cli.Reporting.PreviewPicture.Settings.Height);
        Assert.True(File.Exists(Path.Combine(P("curve-plots"), "loss.png")));
    }

    [Fact]
    public void BadPreviewAndPlotPathsAreRefusedBeforeTraining()
    {
        var input = SmallSphereCloud();
        CliRun.Of(["reconstruct", input, "--preview", P("preview.jpg"), .. Tiny]).AssertBadInput("--preview");
        CliRun.Of(["reconstruct", input, "--plots", P("no/such/plots"), .. Tiny]).AssertBadInput("--plots");
        File.WriteAllText(P("file"), "");
        CliRun.Of(["reconstruct", input, "--plots", P("file"), .. Tiny]).AssertBadInput("--plots");
        Assert.False(File.Exists(P("sphere.recon.ply")));
    }
}
