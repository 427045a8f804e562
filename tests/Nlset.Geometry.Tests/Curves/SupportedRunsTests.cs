using Nlset.Geometry.Curves;

namespace Nlset.Geometry.Tests.Curves;

public class SupportedRunsTests
{
    /// <summary>n points 1 apart on the x axis.</summary>
    static Vector3d[] Line(int n) => Enumerable.Range(0, n).Select(i => new Vector3d(i, 0, 0)).ToArray();

    static bool[] Labels(string s) => s.Select(c => c == 'S').ToArray();

    [Fact]
    public void AnOpenPolylineSplitsIntoAlternatingRuns()
    {
        var runs = SupportedRuns.Split(Line(10), closed: false, Labels("SSSUUUUSSS"), minLength: 0);
        Assert.Equal([new CurveRun(0, 3, true), new CurveRun(3, 4, false), new CurveRun(7, 3, true)], runs);
    }

    [Fact]
    public void AClosedPolylineStartsAtASupportedRunAndMayWrap()
    {
        var runs = SupportedRuns.Split(Line(10), closed: true, Labels("SUUUSSSSSS"), minLength: 0);
        Assert.Equal([new CurveRun(4, 7, true), new CurveRun(1, 3, false)], runs);
        Assert.Equal(0, runs[0].Last(10));                             // 4, 5, …, 9, 0
    }

    [Fact]
    public void OneKindIsOneRun()
    {
        Assert.Equal([new CurveRun(0, 6, true)], SupportedRuns.Split(Line(6), closed: true, Labels("SSSSSS"), 0));
        Assert.Equal([new CurveRun(0, 6, false)], SupportedRuns.Split(Line(6), closed: false, Labels("UUUUUU"), 0));
    }

    [Fact]
    public void ShortInteriorRunsAreFlickerAndAbsorbed()
    {
        // One unsupported vertex (its run spans 2 units: from the vertex before to the one after) inside a supported
        // stretch is absorbed at minLength 3; four (5 units) are not. A supported run of one vertex between unsupported
        // ones is absorbed the other way.
        var runs = SupportedRuns.Split(Line(20), closed: false, Labels("SSSSUSSSSUUUUSUUUSSS"), minLength: 3);
        Assert.Equal([new CurveRun(0, 9, true), new CurveRun(9, 8, false), new CurveRun(17, 3, true)], runs);
    }

    [Fact]
    public void RunsAtTheEndsOfAnOpenPolylineAreNotFlicker()
    {
        var runs = SupportedRuns.Split(Line(8), closed: false, Labels("USSSSSSU"), minLength: 3);
        Assert.Equal(3, runs.Count);
        Assert.False(runs[0].Supported);
        Assert.False(runs[2].Supported);
    }

    [Fact]
    public void LabelsMustMatchThePoints() =>
        Assert.Throws<ArgumentException>(() => SupportedRuns.Split(Line(3), false, Labels("SS"), 0));
}
