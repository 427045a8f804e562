using Nlset.Rendering.Figures;

namespace Nlset.Rendering.Tests;

public class MarchingSquaresTests
{
    static ScalarGrid Sample(Func<double, double, double> f, int n = 81, double lo = -1, double hi = 1)
    {
        var values = new double[n * n];
        var grid = new ScalarGrid(lo, hi, lo, hi, n, n, values);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                values[j * n + i] = f(grid.X(i), grid.Y(j));
        return grid;
    }

    [Fact]
    public void CircleIsOneClosedLoopOnTheCircle()
    {
        var grid = Sample((x, y) => x * x + y * y);
        var lines = MarchingSquares.Contour(grid, 0.25);
        var loop = Assert.Single(lines);
        Assert.Equal(loop[0], loop[^1]);
        // Linear interpolation of x² + y² on a 0.025 grid is within the chord error of r = 0.5.
        Assert.All(loop, p => Assert.InRange(Math.Sqrt(p.X * p.X + p.Y * p.Y), 0.499, 0.5015));
        double length = loop.Zip(loop.Skip(1), (a, b) => Math.Sqrt(Math.Pow(b.X - a.X, 2) + Math.Pow(b.Y - a.Y, 2))).Sum();
        Assert.InRange(length, 0.99 * Math.PI, 1.001 * Math.PI);
    }

    [Fact]
    public void LineAcrossTheWindowIsOneOpenChainFromBorderToBorder()
    {
        var grid = Sample((x, y) => y - 0.3 * x - 0.1);
        var line = Assert.Single(MarchingSquares.Contour(grid, 0));
        Assert.NotEqual(line[0], line[^1]);
        Assert.All(line, p => Assert.Equal(0.3 * p.X + 0.1, p.Y, 9));
        Assert.Equal(1, Math.Abs(line[0].X), 9);
        Assert.Equal(1, Math.Abs(line[^1].X), 9);
    }

    [Fact]
    public void TwoCirclesGiveTwoLoopsAndNoLevelGivesNothing()
    {
        var grid = Sample((x, y) => Math.Min(Math.Pow(x - 0.5, 2) + y * y, Math.Pow(x + 0.5, 2) + y * y));
        Assert.Equal(2, MarchingSquares.Contour(grid, 0.04).Count);
        Assert.Empty(MarchingSquares.Contour(grid, -1));
    }

    [Fact]
    public void DistanceToAContourIsTheDistanceToTheCurve()
    {
        var grid = Sample((x, y) => x * x + y * y);
        var circle = MarchingSquares.Contour(grid, 0.25);
        Assert.Equal(0.5, ContourDistance.To(circle, 0, 0), 2);
        Assert.Equal(0.3, ContourDistance.To(circle, 0.8, 0), 2);
        Assert.Equal(double.PositiveInfinity, ContourDistance.To([], 0, 0));
    }
}
