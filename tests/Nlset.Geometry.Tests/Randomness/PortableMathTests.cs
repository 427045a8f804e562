using Nlset.Geometry.Randomness;

namespace Nlset.Geometry.Tests.Randomness;

public class PortableMathTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(0.5)]
    [InlineData(Math.E)]
    [InlineData(1.4142135623730951)] // √2, the reduction boundary
    [InlineData(1.4142135623730954)]
    [InlineData(0.7071067811865476)]
    [InlineData(1e-300)]
    [InlineData(4.9406564584124654e-324)] // smallest subnormal
    [InlineData(2.2250738585072014e-308)] // smallest normal
    [InlineData(1.7976931348623157e308)]
    [InlineData(1.0000000000000002)]
    [InlineData(0.9999999999999999)]
    public void LogAgreesWithTheLibraryToAFewUlps(double x) =>
        Assert.True(Math.Abs(PortableMath.Log(x) - Math.Log(x)) <= 4e-16 * Math.Max(1, Math.Abs(Math.Log(x))), $"log({x:R}) = {PortableMath.Log(x):R} vs {Math.Log(x):R}");

    [Fact]
    public void LogAgreesOnRandomArguments()
    {
        var random = new SeededRandom(1);
        for (int i = 0; i < 100_000; i++)
        {
            double x = Math.Exp(random.NextDouble(-700, 700));
            double expected = Math.Log(x);
            Assert.True(Math.Abs(PortableMath.Log(x) - expected) <= 4e-16 * Math.Max(1, Math.Abs(expected)), $"log({x:R})");
            double y = random.NextDouble(); // the polar method's range
            if (y > 0) Assert.True(Math.Abs(PortableMath.Log(y) - Math.Log(y)) <= 4e-16 * Math.Max(1, Math.Abs(Math.Log(y))), $"log({y:R})");
        }
    }

    [Fact]
    public void LogOfOneIsExactlyZero() => Assert.Equal(0.0, PortableMath.Log(1.0));

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void LogRejectsArgumentsOutsideItsDomain(double x) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Log(x));
}
