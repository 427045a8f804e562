using Nlset.Geometry.Metrics;
using Nlset.Geometry.Randomness;
using Nlset.Geometry.Sampling;

namespace Nlset.Geometry.Tests.Metrics;

public class NormalConsistencyTests
{
    [Fact]
    public void HandComputedAngles()
    {
        // a0 (n = z) ↔ b0 (n = −z): |cos| = 1; a1 (n = x) ↔ b1 (60° from x): 0.5; b2 is far and its
        // nearest sample is a1, perpendicular to it: 0. A→B = (1 + 0.5)/2, B→A = (1 + 0.5 + 0)/3.
        var a = new SurfaceSamples([new(0, 0, 0), new(1, 0, 0)], [new(0, 0, 1), new(1, 0, 0)], [0, 1]);
        var b = new SurfaceSamples([new(0, 0, 0.1), new(1, 0, 0.1), new(5, 5, 5)],
            [new(0, 0, -1), new(0.5, 0, Math.Sqrt(3) / 2), new(0, 1, 0)], [0, 1, 2]);
        var nc = NormalConsistency.Compute(a, b);
        Assert.Equal(0.75, nc.AToB, 15);
        Assert.Equal(0.5, nc.BToA, 15);
        Assert.Equal(0.625, nc.Mean, 15);
    }

    [Fact]
    public void ParallelPlanesOfEitherOrientationScoreOne()
    {
        var lower = new SurfaceSampler(TestShapes.Square()).Sample(2000, new SeededRandom(1));
        var flipped = TestShapes.Square(z: 0.1);
        flipped = new Mesh(flipped.Vertices, triangles: [.. flipped.Triangles.Chunk(3).SelectMany(t => new[] { t[0], t[2], t[1] })]);
        var upper = new SurfaceSampler(flipped).Sample(2000, new SeededRandom(2));
        Assert.Equal(new Vector3d(0, 0, -1), upper.Normals![0]);
        var nc = NormalConsistency.Compute(lower, upper);
        Assert.Equal(1.0, nc.Mean);
    }

    [Fact]
    public void SamplesWithoutNormalsAreRejected()
    {
        var curve = new SurfaceSamples([Vector3d.Zero], null, [0]);
        var surface = new SurfaceSamples([Vector3d.Zero], [new(0, 0, 1)], [0]);
        Assert.Throws<ArgumentException>(() => NormalConsistency.Compute(curve, surface));
        Assert.Throws<ArgumentException>(() => NormalConsistency.Compute(surface, curve));
    }
}
