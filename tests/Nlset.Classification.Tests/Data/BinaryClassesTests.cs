using Nlset.Classification.Data;
using Nlset.Geometry;

namespace Nlset.Classification.Tests.Data;

public sealed class BinaryClassesTests
{
    [Fact]
    public void DefaultIsLowAgainstHigh()
    {
        var c = BinaryClasses.LowAgainstHigh;
        Assert.Equal([-1, -1, -1, -1, -1, 1, 1, 1, 1, 1], Enumerable.Range(0, 10).Select(c.SignOf));
        Assert.Equal("0,1,2,3,4:5,6,7,8,9", c.ToString());
    }

    [Fact]
    public void ParsesAnyMergeAndLeavesOtherLabelsOut()
    {
        var c = BinaryClasses.Parse("8,3:1");
        Assert.Equal([3, 8], c.Negative);
        Assert.Equal(0, c.SignOf(5));
        var images = new ImageSet(new byte[10], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 1, 1, 1, "test");
        var kept = c.Keep(images);
        Assert.Equal([1, 3, 8], kept.Labels.ToArray());
        Assert.Equal([1f, -1f, -1f], c.SignsOf(kept).data<float>().ToArray());
    }

    [Theory]
    [InlineData("0,1,2", "two groups")]
    [InlineData("0,1:1,2", "label 1 is in both groups")]
    [InlineData("0,10:1", "'10' is not a label")]
    [InlineData("0,0:1", "repeated")]
    [InlineData(":1", "'' is not a label")]
    public void RefusesBadSpecs(string text, string message) =>
        Assert.Contains(message, Assert.Throws<InvalidInputException>(() => BinaryClasses.Parse(text)).Message);

    [Fact]
    public void SignsOfRefusesLabelsOutsideBothGroups()
    {
        var images = new ImageSet(new byte[2], [1, 5], 1, 1, 1, "test");
        Assert.Throws<ArgumentException>(() => BinaryClasses.Parse("1:2").SignsOf(images));
    }
}
