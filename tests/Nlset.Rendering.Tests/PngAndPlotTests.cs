using Nlset.Geometry;
using Nlset.Rendering.Figures;
using Nlset.Rendering.Plots;
using Nlset.Rendering.Raster;
using Nlset.Rendering.Scene;
using SkiaSharp;

namespace Nlset.Rendering.Tests;

public sealed class PngAndPlotTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nlset-render-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    string P(string name) => Path.Combine(_dir, name);

    /// <summary>The PNG's signature and IHDR size read from the bytes, and the pixels decoded by SkiaSharp.</summary>
    internal static SKBitmap Decode(string path, int width, int height)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal(width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(height, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        var bitmap = SKBitmap.Decode(bytes);
        Assert.NotNull(bitmap);
        Assert.Equal(width, bitmap.Width);
        Assert.Equal(height, bitmap.Height);
        return bitmap;
    }

    /// <summary>Coloured pixels (axes, ticks and text are grey or black): lines and points were drawn.</summary>
    static int ColouredPixels(SKBitmap bitmap)
    {
        int count = 0;
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (Math.Abs(c.Red - c.Green) > 40 || Math.Abs(c.Green - c.Blue) > 40) count++;
            }
        return count;
    }

    [Fact]
    public void RenderedPngDecodesToTheSamePixels()
    {
        var image = SceneRenderer.Render([SceneLayer.Of(SceneRendererTests.UnitCube())], new RenderSettings { Width = 64, Height = 48 });
        PngFile.Write(P("cube.png"), image);
        using var bitmap = Decode(P("cube.png"), 64, 48);
        for (int y = 0; y < 48; y += 7)
            for (int x = 0; x < 64; x += 5)
            {
                var c = bitmap.GetPixel(x, y);
                Assert.Equal(image[x, y], (c.Red, c.Green, c.Blue));
            }
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories).Concat(Directory.GetFiles(_dir, ".*")));
    }

    [Fact]
    public void OutputPathsAreCheckedBeforeWork()
    {
        Assert.Throws<InvalidInputException>(() => PngFile.CheckOutputPath(P("picture.jpg")));
        Assert.Throws<InvalidInputException>(() => PngFile.CheckOutputPath(P("missing/picture.png")));
        PngFile.CheckOutputPath(P("picture.PNG"));
        Assert.Throws<InvalidInputException>(() => RenderSettings.ParseSize("0x0"));
        Assert.Throws<InvalidInputException>(() => RenderSettings.ParseSize("12 by 4"));
        Assert.Equal((300, 200), RenderSettings.ParseSize("300x200"));
        Assert.Equal((256, 256), RenderSettings.ParseSize("256"));
        Assert.Throws<InvalidInputException>(() => ViewAngle.Standard(2));
        Assert.Throws<InvalidInputException>(() => ViewAngle.Parse("30"));
        Assert.Throws<InvalidInputException>(() => ViewAngle.Parse("30,100"));
        Assert.Equal(new ViewAngle(-30, 12.5), ViewAngle.Parse("-30, 12.5"));
    }

    [Fact]
    public void SeriesPlotsAreWrittenStackedAndNonEmpty()
    {
        var x = Enumerable.Range(1, 500).Select(i => (double)i).ToArray();
        var loss = x.Select(i => 1 / i + 1e-3).ToArray();
        var withZero = x.Select(i => i < 10 ? 0 : 1e-2 / i).ToArray();     // zeros are left out on a log axis
        var top = SeriesPlot.Create("loss", "step", "loss", [new PlotSeries("total", x, loss).Smoothed(5), new PlotSeries("term", x, withZero, Dashed: true)], logY: true);
        var bottom = SeriesPlot.Create("rate", "step", "rate", [new PlotSeries("lr", x, x.Select(i => 1e-3 * (1 - i / 600)).ToArray())]);
        SeriesPlot.Save(P("plot.png"), 400, 300, [top, bottom]);
        using var bitmap = Decode(P("plot.png"), 400, 600);
        Assert.True(ColouredPixels(bitmap) > 1000, $"the plot has no lines ({ColouredPixels(bitmap)} coloured pixels)");
    }

    [Fact]
    public void LinesBreakWhereAPointCannotBePlotted()
    {
        double[] x = [0, 1, 2, 3, 4, 5, 6];
        double[] y = [1, 2, 0, 0, 3, double.NaN, 4];
        var log = SeriesPlot.PlottableRuns(x, y, logY: true);
        Assert.Equal(3, log.Count);                                    // zeros cannot sit on a log axis, NaN nowhere
        Assert.Equal([(0.0, 1.0), (1.0, 2.0)], log[0]);
        Assert.Equal([(4.0, 3.0)], log[1]);
        Assert.Equal([(6.0, 4.0)], log[2]);
        var linear = SeriesPlot.PlottableRuns(x, y, logY: false);
        Assert.Equal(2, linear.Count);
        Assert.Equal(5, linear[0].Length);
    }

    [Fact]
    public void SmoothingIsACentredRunningMean()
    {
        var s = new PlotSeries("s", [0, 1, 2, 3, 4], [0, 3, 0, 3, 0]).Smoothed(3);
        Assert.Equal([1.5, 1, 2, 1, 1.5], s.Y);
    }

    [Fact]
    public void DecisionBoundaryFigurePlacesPanelsSideBySide()
    {
        int n = 41;
        var values = new double[n * n];
        var grid = new ScalarGrid(-1, 1, -1, 1, n, n, values);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                values[j * n + i] = 3 * grid.Y(j);
        var panel = new DecisionBoundaryPanel("test", [0, 0], [0.5, -0.5], [1, -1], grid, ShowMargins: true);
        DecisionBoundaryFigure.Save(P("figure.png"), [panel, panel with { ShowMargins = false }], 300, 250);
        using var bitmap = Decode(P("figure.png"), 600, 250);
        Assert.True(ColouredPixels(bitmap) > 1000);
    }
}
