using Nlset.Geometry.Metrics;
using Nlset.Geometry.Randomness;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;
using Nlset.Geometry.Spatial;

namespace Nlset.Geometry.Tests.Metrics;

public class ExactSurfaceErrorTests
{
    [Fact]
    public void AMeshAgainstItselfScoresZero()
    {
        var sphere = Icosphere.Create(3);
        var error = ExactSurfaceError.Compute(sphere, sphere, 5000);
        // Zero up to the rounding of a sample's coordinates (~1e-16 of the radius).
        Assert.True(error.Accuracy.Max < 1e-14 && error.Completeness.Max < 1e-14, $"{error}");
        Assert.True(error.Sum < 1e-14);
    }

    [Fact]
    public void ParallelPlanesAreTheirSeparationApart()
    {
        var error = ExactSurfaceError.Compute(TestShapes.Square(cells: 3), TestShapes.Square(z: 0.02, cells: 2), 3000, seed: 4);
        foreach (var side in new[] { error.Accuracy, error.Completeness })
        {
            // Each distance is 0.02 to rounding; the mean of 3000 of them carries ~1e-15 of summation error.
            Assert.Equal(0.02, side.Mean, tolerance: 1e-13);
            Assert.Equal(0.02, side.Max, tolerance: 1e-15);
        }
        Assert.Equal(0.04, error.Sum, tolerance: 1e-13);
    }

    [Fact]
    public void ConcentricIcospheresAreDeltaApartWithinTheFacetSagBound()
    {
        // Icospheres of radius r and r + δ with the same tessellation are scalings of one convex polytope
        // P by s = (r + δ)/r; face j of P has unit normal n_j and plane offset h_j ≤ r (vertices on the sphere).
        //  · p on face f of P is inside sP. An interior point's distance to a convex polytope's boundary is
        //    its least distance to the face planes, min_j (s·h_j − n_j·p) ≥ min_j (s − 1)·h_j = δ·h_min/r
        //    (n_j·p ≤ h_j as p ∈ P), and ≤ (s − 1)·h_f ≤ δ on f's own plane (where n_f·p = h_f), whose foot
        //    point lies in sf because the centre projects inside every face.
        //  · q on face sf of sP is outside P: at least its distance to f's plane, (s − 1)·h_f ≥ δ·h_min/r,
        //    and at most |q − q/s| = |q|·(1 − 1/s) ≤ δ, since q/s ∈ P and |q| ≤ r + δ.
        // So every distance, both ways, lies in [δ·(1 − sag/r), δ] with sag = r − h_min, the largest facet sag.
        const double r = 1, delta = 0.01;
        var inner = Icosphere.Create(4, r);
        var outer = Icosphere.Create(4, r + delta);
        double hMin = Enumerable.Range(0, inner.TriangleCount).Min(t =>
        {
            var (a, b, c) = inner.Triangle(t);
            var triangle = new Triangle3d(inner.Vertices[a], inner.Vertices[b], inner.Vertices[c]);
            return Vector3d.Dot(triangle.Normal, triangle.A);
        });
        double sag = r - hMin;
        Assert.InRange(sag, 1e-4, 2e-3); // level 4: edges ≈ 0.066, circumradius ≈ 0.038, sag ≈ R²/2
        double low = delta * (1 - sag / r) - 1e-14, high = delta + 1e-14;

        var innerSamples = new SurfaceSampler(inner).Sample(4000, new SeededRandom(5)).Points;
        var outerSamples = new SurfaceSampler(outer).Sample(4000, new SeededRandom(6)).Points;
        foreach (var hit in new TriangleBvh(outer).ClosestPoints(innerSamples)) Assert.InRange(hit.Distance, low, high);
        foreach (var hit in new TriangleBvh(inner).ClosestPoints(outerSamples)) Assert.InRange(hit.Distance, low, high);

        var error = ExactSurfaceError.Compute(outer, inner, 4000);
        foreach (var side in new[] { error.Accuracy, error.Completeness })
            foreach (double statistic in new[] { side.Mean, side.P90, side.P99, side.Max })
                Assert.InRange(statistic, low, high);
    }

    [Fact]
    public void OnlyTriangleMeshesCanBeCompared()
    {
        var cloud = Mesh.PointCloud([Vector3d.Zero, new(1, 0, 0)]);
        Assert.Throws<InvalidInputException>(() => ExactSurfaceError.Compute(cloud, TestShapes.Square()));
        Assert.Throws<InvalidInputException>(() => ExactSurfaceError.Compute(TestShapes.Square(), cloud));
    }
}
