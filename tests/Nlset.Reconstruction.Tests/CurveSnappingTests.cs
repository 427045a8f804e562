using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.Meshing;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Reconstruction.Tests;

/// <summary>The snap step of curve extraction: Newton projection with l = 2 onto the intersection of two cylinders.</summary>
public class CurveSnappingTests
{
    // Cylinder of radius 1 around z, cylinder of radius 0.5 around x: two closed loops with transversal gradients.
    static Tensor Cylinders(Tensor x)
    {
        var aroundZ = (x[.., 0].square() + x[.., 1].square()).sqrt() - 1;
        var aroundX = (x[.., 1].square() + x[.., 2].square()).sqrt() - 0.5;
        return torch.stack([aroundZ, aroundX], 1);
    }

    static readonly ScalarField AroundZ = AnalyticFields.Pointwise(p => Math.Sqrt(p.X * p.X + p.Y * p.Y) - 1);
    static readonly ScalarField AroundX = AnalyticFields.Pointwise(p => Math.Sqrt(p.Y * p.Y + p.Z * p.Z) - 0.5);

    static double Residual(Vector3d p) => Math.Sqrt(Math.Pow(Math.Sqrt(p.X * p.X + p.Y * p.Y) - 1, 2) + Math.Pow(Math.Sqrt(p.Y * p.Y + p.Z * p.Z) - 0.5, 2));

    static (Vector3d[] Vertices, double Spacing) TracedCurve()
    {
        var box = new BoundingBox(new Vector3d(-1.3, -1.3, -1.3), new Vector3d(1.3, 1.3, 1.3));
        var traced = LevelSetIntersection.Extract(AroundZ, AroundX, box, new MarchingCubesOptions { Resolution = 24 });
        return (traced.Curve.Vertices, traced.Grid.Spacing);
    }

    [Fact]
    public void LinearlyInterpolatedVerticesConvergeOntoTheCurveInAFewNewtonSteps()
    {
        var (vertices, spacing) = TracedCurve();
        Assert.True(vertices.Average(Residual) > 1e-4);        // a coarse grid: visibly off the curve before snapping
        var flat = vertices.SelectMany(v => new[] { v.X, v.Y, v.Z }).ToArray();
        using var start = torch.tensor(flat, [vertices.Length, 3], dtype: float64);
        using var projection = new LevelSetProjector(tolerance: 1e-12, maxIterations: 10).Project(Cylinders, start, 0);
        Assert.Equal(vertices.Length, projection.ConvergedCount);
        // Quadratic convergence from within O(h²): at most 4 steps to 1e-12.
        Assert.True(projection.Iterations <= 4, $"{projection.Iterations} steps");
        Assert.True(projection.Values.abs().max().item<double>() < 1e-12);
        // The minimal-norm step moves across the curve, by about the initial residual, not along it.
        var moved = (projection.Points - start).norm(dim: 1).max().item<double>();
        Assert.True(moved < 0.2 * spacing, $"moved {moved}, spacing {spacing}");
    }

    [Fact]
    public void SnapMovesEveryVertexOntoTheCurve()
    {
        var (vertices, spacing) = TracedCurve();
        var before = vertices.Average(Residual);
        var snap = CurveSnapping.Snap(Cylinders, vertices, 2 * spacing, CPU, float64, tolerance: 1e-10);
        Assert.Equal(vertices.Length, snap.Snapped);
        Assert.Equal(0, snap.Kept);
        Assert.All(vertices, v => Assert.True(Residual(v) < 1e-9, $"{v}: {Residual(v)}"));
        Assert.Equal(before, snap.MeanResidualBefore, 6);
        Assert.True(snap.MeanResidualAfter < 1e-10);
    }

    [Fact]
    public void MovesLargerThanAllowedAreNotTaken()
    {
        Vector3d[] points = [new(0.9, 0.1, 0.45), new(0.99, 0.05, 0.5)];
        var copy = points.ToArray();
        var snap = CurveSnapping.Snap(Cylinders, points, maxMove: 1e-6, CPU, float64);
        Assert.Equal(0, snap.Snapped);
        Assert.Equal(2, snap.Kept);
        Assert.Equal(copy, points);
        Assert.Equal(snap.MeanResidualBefore, snap.MeanResidualAfter, 12);
    }

    [Fact]
    public void AOneOutputFieldIsRefused() =>
        Assert.Throws<ArgumentException>(() => CurveSnapping.Snap(x => x.norm(dim: 1) - 1, [new Vector3d(1, 0, 0)], 1, CPU, float64));
}
