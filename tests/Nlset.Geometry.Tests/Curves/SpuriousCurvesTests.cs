using Nlset.Geometry.Curves;
using Nlset.Geometry.Shapes;

namespace Nlset.Geometry.Tests.Curves;

public class SpuriousCurvesTests
{
    /// <summary>Polylines of several curves in one mesh, in the given order.</summary>
    static Mesh Combine(params Mesh[] curves)
    {
        var vertices = new List<Vector3d>();
        var lines = new List<int[]>();
        foreach (var c in curves)
        {
            int offset = vertices.Count;
            vertices.AddRange(c.Vertices);
            lines.AddRange(c.Polylines.Select(l => l.Select(i => i + offset).ToArray()));
        }
        return new Mesh([.. vertices], polylines: lines);
    }

    static readonly Mesh Big = ParametricCurves.Circle(1, segments: 256);
    static readonly Mesh TinyFar = ParametricCurves.Circle(0.02, new Vector3d(0, 0, 3), segments: 16);
    static readonly Mesh TinyNear = ParametricCurves.Circle(0.02, new Vector3d(1, 0, 0), segments: 16);

    [Fact]
    public void DropsOnlyCurvesThatAreBothTinyAndFar()
    {
        var curves = Combine(Big, TinyFar, TinyNear);
        var data = Big.Vertices;                            // spacing 2π/256 ≈ 0.025: far means > 0.074 away
        var result = SpuriousCurves.Remove(curves, data, new SpuriousCurveRule());
        Assert.Equal(1, result.Dropped);
        Assert.Equal(PolylineChains.Length(TinyFar.Vertices, TinyFar.Polylines[0]), result.DroppedLength, 12);
        Assert.Equal(2, result.Curves.Polylines.Count);
        Assert.Equal(Big.VertexCount + TinyNear.VertexCount, result.Curves.VertexCount);   // unused vertices are gone
        Assert.Equal(Big.Vertices, result.Curves.Vertices[..Big.VertexCount]);
        Assert.Equal(3 * SpuriousCurves.MeanSpacing(data), result.FarDistance!.Value, 12);
    }

    [Fact]
    public void ALongCurveFarFromTheDataIsKept()
    {
        var farBig = ParametricCurves.Circle(1, new Vector3d(0, 0, 5), segments: 256);
        var result = SpuriousCurves.Remove(Combine(Big, farBig), Big.Vertices, new SpuriousCurveRule());
        Assert.Equal(0, result.Dropped);
        Assert.Equal(2, result.Curves.Polylines.Count);
    }

    [Fact]
    public void WithoutDataEveryTinyCurveGoes()
    {
        var result = SpuriousCurves.Remove(Combine(TinyNear, Big, TinyFar), [], new SpuriousCurveRule());
        Assert.Equal(2, result.Dropped);
        Assert.Null(result.FarDistance);
        Assert.Equal(Big.Polylines[0], Assert.Single(result.Curves.Polylines));
    }

    [Fact]
    public void TheRuleIsAdjustable()
    {
        var curves = Combine(Big, TinyFar);
        Assert.Equal(0, SpuriousCurves.Remove(curves, Big.Vertices, new SpuriousCurveRule { TinyFraction = 0 }).Dropped);
        Assert.Equal(0, SpuriousCurves.Remove(curves, Big.Vertices, new SpuriousCurveRule { FarSpacings = 1000 }).Dropped);
        Assert.Throws<InvalidInputException>(() => SpuriousCurves.Remove(curves, Big.Vertices, new SpuriousCurveRule { TinyFraction = 2 }));
        Assert.Throws<InvalidInputException>(() => SpuriousCurves.Remove(curves, Big.Vertices, new SpuriousCurveRule { FarSpacings = double.NaN }));
    }

    [Fact]
    public void MeanSpacingOfEvenlySpacedPoints()
    {
        var points = Enumerable.Range(0, 11).Select(i => new Vector3d(0.1 * i, 0, 0)).ToArray();
        Assert.Equal(0.1, SpuriousCurves.MeanSpacing(points), 12);
        Assert.Throws<ArgumentException>(() => SpuriousCurves.MeanSpacing([Vector3d.Zero]));
    }

    [Fact]
    public void NoCurvesIsNothingToDrop()
    {
        var result = SpuriousCurves.Remove(new Mesh([]), Big.Vertices, new SpuriousCurveRule());
        Assert.Equal(0, result.Dropped);
        Assert.Empty(result.Curves.Polylines);
    }
}
