using Nlset.Classification.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Tests.Losses;

public sealed class OutputLossTests
{
    static readonly Tensor Scores = torch.tensor(new[] { 2.0, -0.5, 0.25, -3.0 }, dtype: ScalarType.Float64);
    static readonly Tensor Signs = torch.tensor(new[] { 1.0, 1.0, -1.0, -1.0 }, dtype: ScalarType.Float64);
    static readonly Tensor Images = torch.zeros(4, 1, dtype: ScalarType.Float64);

    [Fact]
    public void CrossEntropyIsMeanLogOnePlusExpMinusYF()
    {
        // y·F = 2, −0.5, −0.25, 3
        var expected = new[] { 2.0, -0.5, -0.25, 3.0 }.Average(m => Math.Log(1 + Math.Exp(-m)));
        var loss = new BinaryCrossEntropyLoss().Compute(_ => Scores, Images, Signs);
        Assert.Equal(expected, loss.item<double>(), 12);
    }

    [Fact]
    public void CrossEntropyDoesNotOverflowForLargeScores()
    {
        var loss = new BinaryCrossEntropyLoss().Compute(_ => torch.tensor(new[] { -1000.0, 1000.0 }), torch.zeros(2, 1), torch.tensor(new[] { 1.0, 1.0 }));
        Assert.Equal(500.0, loss.item<double>(), 6);
    }

    [Fact]
    public void HingeIsMeanOfOneMinusYFClampedAtZero()
    {
        // max(0, 1 − yF) = 0, 1.5, 1.25, 0
        var loss = new OutputHingeLoss().Compute(_ => Scores, Images, Signs);
        Assert.Equal((0 + 1.5 + 1.25 + 0) / 4, loss.item<double>(), 12);
    }

    [Fact]
    public void ScoresOfShapeNByOneAreAccepted()
    {
        var loss = new OutputHingeLoss().Compute(_ => Scores.unsqueeze(1), Images, Signs);
        Assert.Equal(0.6875, loss.item<double>(), 12);
    }

    [Theory]
    [InlineData("geometric-svm", MarginLossKind.GeometricSvm)]
    [InlineData("xent", MarginLossKind.CrossEntropy)]
    [InlineData("Hinge", MarginLossKind.Hinge)]
    public void LossNamesParse(string text, MarginLossKind kind)
    {
        Assert.Equal(kind, MarginLossNames.Parse(text));
        Assert.Equal(kind, MarginLossNames.Parse(kind.Key()));
    }
}
