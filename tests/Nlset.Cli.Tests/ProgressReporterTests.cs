using Nlset.Cli;

namespace Nlset.Cli.Tests;

public class ProgressReporterTests
{
    [Fact]
    public void InteractiveBarRedrawsOneLineWithFiguresAndEta()
    {
        var err = new StringWriter();
        var ctx = new CliContext(new StringWriter(), err) { ErrIsInteractive = true };
        using (var bar = new ProgressReporter(ctx, "training"))
        {
            bar.Report(0.000001, "1/1000000", "loss 0.5");        // tiny fraction: no ETA yet, and no overflow
            bar.Report(0.5, "500/1000", "loss 0.25", force: true);
        }
        var text = err.ToString();
        Assert.Contains("\rtraining [", text);
        Assert.Contains("eta --:--", text);
        Assert.Contains("500/1000 eta ", text);
        Assert.Contains(" 50.0%", text);
        Assert.EndsWith(Environment.NewLine, text);           // the bar's line is finished when the run ends
    }

    [Fact]
    public void NonInteractiveLogsPlainLinesAtIntervals()
    {
        var err = new StringWriter();
        var ctx = new CliContext(new StringWriter(), err) { ErrIsInteractive = false };
        using var log = new Serilog.LoggerConfiguration()
            .WriteTo.Sink(new TextWriterSink(err, new Serilog.Formatting.Display.MessageTemplateTextFormatter("{Message:lj}{NewLine}")))
            .CreateLogger();
        ctx.Log = log;
        using (var bar = new ProgressReporter(ctx, "training"))
        {
            bar.Report(0.1, "1/10", "loss 1");
            bar.Report(0.2, "2/10", "loss 2");                  // within the interval: not repeated
            bar.Report(0.3, "3/10", "loss 3", force: true);
        }
        var lines = err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain("\r", err.ToString());
        Assert.Equal(2, lines.Length);
        Assert.Contains("1/10 loss 1", lines[0]);
        Assert.Contains("3/10 loss 3", lines[1]);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("4m", 240)]
    [InlineData("1.5h", 5400)]
    [InlineData("4:30", 270)]
    [InlineData("1:02:03", 3723)]
    public void DurationsParseAsPeopleTypeThem(string text, double seconds)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(seconds, value.TotalSeconds, 6);
    }

    [Theory]
    [InlineData("90")]
    [InlineData("5")]
    [InlineData("1.5")]
    public void BareNumbersAreNotDurations(string text) => Assert.False(Duration.TryParse(text, out _));
}
