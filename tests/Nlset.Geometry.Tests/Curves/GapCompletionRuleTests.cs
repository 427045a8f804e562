using Nlset.Geometry.Curves;

namespace Nlset.Geometry.Tests.Curves;

public class GapCompletionRuleTests
{
    static readonly GapCompletionRule Rule = new();
    static readonly GapCandidate Smooth = new(Length: 2, TurnAtStart: 10, TurnAtEnd: 20, DataEndsAtStart: true, DataEndsAtEnd: true);

    [Fact]
    public void ASmoothShortRunWhereTheDataHasAGapIsKept() => Assert.True(Rule.Keeps(Smooth, supportedLength: 10));

    [Fact]
    public void ARunThatBypassesDataIsDropped()
    {
        Assert.False(Rule.Keeps(Smooth with { DataEndsAtStart = false }, 10));
        Assert.False(Rule.Keeps(Smooth with { DataEndsAtEnd = false }, 10));
    }

    [Fact]
    public void ASharpTurnIsNotAContinuation()
    {
        Assert.False(Rule.Keeps(Smooth with { TurnAtStart = 61 }, 10));
        Assert.False(Rule.Keeps(Smooth with { TurnAtEnd = 90 }, 10));
        Assert.True(Rule.Keeps(Smooth with { TurnAtEnd = 60 }, 10));
    }

    [Fact]
    public void ACompletionLongerThanItsShareOfTheCurveIsDropped()
    {
        // 0.3 of the supported length: the benchmark's gap is 20 % of the curve, 25 % of what is supported.
        Assert.True(Rule.Keeps(Smooth with { Length = 3 }, 10));
        Assert.False(Rule.Keeps(Smooth with { Length = 3.01 }, 10));
        Assert.True(new GapCompletionRule { MaxFraction = 0.5 }.Keeps(Smooth with { Length = 5 }, 10));
    }

    [Fact]
    public void TurnsAreAnglesBetweenDirections()
    {
        Assert.Equal(90, GapCompletionRule.Turn(new Vector3d(1, 0, 0), new Vector3d(0, 3, 0)), 10);
        Assert.Equal(180, GapCompletionRule.Turn(new Vector3d(1, 0, 0), new Vector3d(-2, 0, 0)), 10);
        Assert.Equal(0, GapCompletionRule.Turn(Vector3d.Zero, new Vector3d(1, 0, 0)));
    }

    [Fact]
    public void BadRulesAreRefused()
    {
        Assert.Throws<InvalidInputException>(() => new GapCompletionRule { MaxFraction = -1 }.Validated());
        Assert.Throws<InvalidInputException>(() => new GapCompletionRule { MaxTurnDegrees = 200 }.Validated());
    }
}
