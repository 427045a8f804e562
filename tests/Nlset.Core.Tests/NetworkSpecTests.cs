using Nlset.Geometry;

namespace Nlset.Core.Tests;

public class NetworkSpecTests
{
    [Fact]
    public void DepthByWidthTakesTheDefaults()
    {
        var spec = NetworkSpec.Parse("8x512");
        Assert.Equal(new NetworkSpec(3, 8, 512, ImplicitActivation.ReLU, 1, 1.0, true), spec);
        Assert.Equal(4, spec.SkipLayer);
        Assert.Equal("8x512,relu,in=3,out=1,r=1", spec.ToString());
    }

    [Theory]
    [InlineData("4x256,fourier=6", 0.4)]          // "fourier=" ends in "r=" but sets no radius
    [InlineData("4x256", 0.4)]
    [InlineData("4x256,r=0.7,fourier=6", 0.7)]
    [InlineData("4x256, R=0.7", 0.7)]
    public void DefaultRadiusAppliesOnlyWithoutAnRToken(string text, double radius) =>
        Assert.Equal(radius, NetworkSpec.Parse(text, 0.4).Radius);

    [Fact]
    public void FourierFeaturesWidenOnlyTheFirstLayer()
    {
        var spec = NetworkSpec.Parse("4x32,fourier=6");
        Assert.Equal(6, spec.Frequencies);
        Assert.Equal(3 * 13, spec.EncodedInputDim);
        Assert.Equal((39, 32), spec.LayerShapes()[0]);
        Assert.Equal((32, 29), spec.LayerShapes()[1]);          // the skip still concatenates the plain x
        Assert.Equal(NetworkSpec.Parse("4x32").ParameterCount + 36 * 32, spec.ParameterCount);
    }

    [Theory]
    [InlineData("8x512,relu,in=3,out=1,r=1")]
    [InlineData("4x256,softplus,in=2,out=2,r=0.75")]
    [InlineData("1x16,relu,in=784,out=1,r=1.5,noskip")]
    [InlineData("3x100,relu,in=3,out=1,r=1E-05")]
    [InlineData("4x256,relu,in=3,out=1,r=0.4,fourier=6")]
    public void CanonicalTextRoundTrips(string text)
    {
        var spec = NetworkSpec.Parse(text);
        Assert.Equal(text, spec.ToString());
        Assert.Equal(spec, NetworkSpec.Parse(spec.ToString()));
    }

    [Fact]
    public void TokensAreCaseInsensitiveInAnyOrderWithSpaces()
    {
        var spec = NetworkSpec.Parse("6X128, R=0.5 ,Softplus,OUT=2, noskip");
        Assert.Equal(new NetworkSpec(3, 6, 128, ImplicitActivation.Softplus, 2, 0.5, false), spec);
        Assert.Equal(-1, spec.SkipLayer);
        Assert.Equal(spec, NetworkSpec.Parse(spec.ToString()));
    }

    [Theory]
    [InlineData("", "DEPTHxWIDTH")]
    [InlineData("8", "DEPTHxWIDTH")]
    [InlineData("8x", "DEPTHxWIDTH")]
    [InlineData("x512", "DEPTHxWIDTH")]
    [InlineData("8x512x2", "DEPTHxWIDTH")]
    [InlineData("-8x512", "DEPTHxWIDTH")]
    [InlineData("0x512", "depth")]
    [InlineData("8x0", "width")]
    [InlineData("999x8", "depth")]
    [InlineData("8x99999999", "width")]
    [InlineData("8x512,tanh", "unknown token 'tanh'")]
    [InlineData("8x512,out=3", "outputs")]
    [InlineData("8x512,out=two", "out= needs an integer")]
    [InlineData("8x512,in=0", "input dimension")]
    [InlineData("8x512,r=-1", "radius")]
    [InlineData("8x512,r=nan", "radius")]
    [InlineData("8x512,r=", "r= needs a number")]
    [InlineData("8x512,relu=1", "unknown token")]
    [InlineData("4x64,in=64", "must exceed the input dimension")]
    [InlineData("4x64,fourier=-1", "fourier= needs an integer")]
    [InlineData("4x64,fourier=17", "fourier= must be")]
    [InlineData("4x64,fourier=x", "fourier= needs an integer")]
    public void BadSpecsNameTheProblem(string text, string expected)
    {
        var error = Assert.ThrowsAny<InvalidInputException>(() => NetworkSpec.Parse(text));
        Assert.Contains(expected, error.Message);
        Assert.StartsWith($"network spec '{text}'", error.Message);
    }

    [Fact]
    public void SkipNeedsWidthAboveInputDimensionUnlessTurnedOff()
    {
        Assert.Throws<InvalidInputException>(() => new NetworkSpec(784, 4, 512).Validated());
        Assert.Equal(-1, new NetworkSpec(784, 4, 512, Skip: false).Validated().SkipLayer);
        Assert.Equal(-1, new NetworkSpec(784, 1, 512).Validated().SkipLayer);     // one hidden layer has no middle
    }

    [Fact]
    public void ParameterCountsAreTheHandCountedOnes()
    {
        // 8×512, skip into layer 4 (layer 3 outputs 512 − 3): 2048 + 2·262656 + 261117 + 4·262656 + 513.
        Assert.Equal(1_839_614, NetworkSpec.Parse("8x512").ParameterCount);
        // 4×32: 3·32+32, 32·29+29, 2·(32·32+32), 32+1.
        Assert.Equal(3230, NetworkSpec.Parse("4x32").ParameterCount);
        Assert.Equal(3 * 16 + 16 + 16 * 2 + 2, NetworkSpec.Parse("1x16,out=2").ParameterCount);
    }
}
