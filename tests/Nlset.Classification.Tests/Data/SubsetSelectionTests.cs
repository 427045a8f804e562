using Nlset.Classification.Data;
using Nlset.Geometry;

namespace Nlset.Classification.Tests.Data;

public sealed class SubsetSelectionTests
{
    [Theory]
    [InlineData(8000, 0.001, 8)]
    [InlineData(8000, 0.05, 400)]
    [InlineData(8000, 0.003, 24)]
    [InlineData(100, 0.001, 1)]      // at least one example
    [InlineData(10, 1.0, 10)]
    public void SizeIsTheRoundedFraction(int count, double fraction, int expected) =>
        Assert.Equal(expected, SubsetSelection.SizeOf(count, fraction));

    [Fact]
    public void DrawIsSeededDistinctAndInRange()
    {
        var a = SubsetSelection.Draw(8000, 0.01, seed: 5);
        Assert.Equal(a, SubsetSelection.Draw(8000, 0.01, seed: 5));
        Assert.NotEqual(a, SubsetSelection.Draw(8000, 0.01, seed: 6));
        Assert.Equal(80, a.Distinct().Count());
        Assert.All(a, i => Assert.InRange(i, 0, 7999));
    }

    [Fact]
    public void DrawIsUniform()
    {
        // Each of 10 indices drawn 3 at a time should be picked 30% of the time; 4000 draws: σ ≈ 0.7%.
        var hits = new int[10];
        for (var seed = 0; seed < 4000; seed++)
            foreach (var i in SubsetSelection.Draw(10, 0.3, seed)) hits[i]++;
        Assert.All(hits, h => Assert.InRange(h / 4000.0, 0.27, 0.33));
    }

    [Theory]
    [InlineData("0.5%", 0.005)]
    [InlineData(" 5 % ", 0.05)]
    [InlineData("0.005", 0.005)]
    [InlineData("1", 1.0)]
    [InlineData("100%", 1.0)]
    public void ParsesFractions(string text, double expected) => Assert.Equal(expected, SubsetSelection.ParseFraction(text), 12);

    [Theory]
    [InlineData("5", "write 5% for per cent")]
    [InlineData("150%", "more than 100%")]
    [InlineData("0%", "positive")]
    [InlineData("-1%", "positive")]
    [InlineData("half", "not a number")]
    public void RefusesBadFractions(string text, string message) =>
        Assert.Contains(message, Assert.Throws<InvalidInputException>(() => SubsetSelection.ParseFraction(text)).Message);

    [Theory]
    [InlineData(0.001, "0.1%")]
    [InlineData(0.05, "5%")]
    [InlineData(0.0025, "0.25%")]
    public void FormatsPercent(double fraction, string text) => Assert.Equal(text, SubsetSelection.FormatPercent(fraction));
}
