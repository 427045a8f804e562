using Nlset.Geometry.Randomness;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;

namespace Nlset.Geometry.Tests.Sampling;

public class SurfaceSamplerTests
{
    [Fact]
    public void FacesAreChosenInProportionToAreaAndDegenerateOnesNever()
    {
        // Areas 1, 2, 3, 4, a reversed copy of the first (area 1), and a point-like and a collinear triangle of zero area.
        var areas = TestShapes.TrianglesOfArea(1, 2, 3, 4);
        var vertices = areas.Vertices.Concat([new Vector3d(0, 5, 0), new Vector3d(1, 5, 0), new Vector3d(2, 5, 0)]).ToArray();
        var mesh = new Mesh(vertices, triangles: [.. areas.Triangles, 0, 2, 1, 12, 12, 12, 12, 13, 14]);
        var sampler = new SurfaceSampler(mesh);
        Assert.Equal(11.0, sampler.TotalMeasure, 14);
        const int n = 110_000;
        var samples = sampler.Sample(n, new SeededRandom(7));
        var counts = new int[mesh.TriangleCount];
        foreach (int t in samples.Elements) counts[t]++;
        Assert.Equal(0, counts[5]);
        Assert.Equal(0, counts[6]);
        double[] area = [1, 2, 3, 4, 1];
        double chiSquare = 0;
        for (int t = 0; t < 5; t++)
        {
            double expected = n * area[t] / 11.0;
            chiSquare += (counts[t] - expected) * (counts[t] - expected) / expected;
        }
        Assert.True(chiSquare < 18.47, $"χ² = {chiSquare} over 4 degrees of freedom (0.001 quantile 18.47)");
    }

    [Fact]
    public void PointsAreUniformInsideATriangle()
    {
        // The unit right triangle cut into 16 congruent sub-triangles (4 per side); on it the
        // coordinates (x, y) are the barycentric weights of B and C, so each cell is easy to name.
        var mesh = new Mesh([new(0, 0, 0), new(1, 0, 0), new(0, 1, 0)], triangles: [0, 1, 2]);
        const int n = 64_000, m = 4;
        var samples = new SurfaceSampler(mesh).Sample(n, new SeededRandom(8));
        var counts = new Dictionary<(int, int, bool), int>();
        foreach (var p in samples.Points)
        {
            Assert.True(p.X >= 0 && p.Y >= 0 && p.X + p.Y <= 1 + 1e-15 && p.Z == 0);
            int i = Math.Min((int)(p.X * m), m - 1), j = Math.Min((int)(p.Y * m), m - 1);
            bool upward = p.X * m - i + (p.Y * m - j) < 1;
            counts[(i, j, upward)] = counts.GetValueOrDefault((i, j, upward)) + 1;
        }
        Assert.Equal(16, counts.Count);
        double expected = n / 16.0;
        double chiSquare = counts.Values.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chiSquare < 37.70, $"χ² = {chiSquare} over 15 degrees of freedom (0.001 quantile 37.70)");
    }

    [Fact]
    public void SamplesLieOnTheirTrianglesWithItsNormal()
    {
        var sphere = Icosphere.Create(2, 3);
        var samples = new SurfaceSampler(sphere).Sample(2000, new SeededRandom(9));
        for (int i = 0; i < samples.Count; i++)
        {
            var (a, b, c) = sphere.Triangle(samples.Elements[i]);
            var triangle = new Triangle3d(sphere.Vertices[a], sphere.Vertices[b], sphere.Vertices[c]);
            Assert.True(triangle.DistanceTo(samples.Points[i]) < 1e-14);
            Assert.Equal(triangle.Normal, samples.Normals![i]);
            Assert.Equal(1.0, samples.Normals[i].Length, 14);
        }
    }

    [Fact]
    public void TheSameStreamGivesTheSameSamplesAndAnotherStreamOthers()
    {
        var sphere = Icosphere.Create(2);
        var first = new SurfaceSampler(sphere).Sample(1000, new SeededRandom(10, 3), 0.01);
        var again = new SurfaceSampler(sphere).Sample(1000, new SeededRandom(10).Stream(3), 0.01);
        Assert.Equal(first.Points, again.Points);
        Assert.Equal(first.Normals, again.Normals);
        Assert.Equal(first.Elements, again.Elements);
        var other = new SurfaceSampler(sphere).Sample(1000, new SeededRandom(10, 4), 0.01);
        Assert.Empty(first.Points.Intersect(other.Points));
    }

    [Fact]
    public void SamplesAreFixedAcrossMachinesAndRuntimes()
    {
        // Python, from the reference xoshiro256**: the first two samples of the unit right triangle on
        // seed 0 are (s(1 − r2), s·r2) with s = √r1; correctly rounded sqrt and products make them exact.
        var mesh = new Mesh([new(0, 0, 0), new(1, 0, 0), new(0, 1, 0)], triangles: [0, 1, 2]);
        var samples = new SurfaceSampler(mesh).Sample(2, new SeededRandom(0));
        Assert.Equal(new Vector3d(0.07968439919991596, 0.005815977618897168, 0), samples.Points[0]);
        Assert.Equal(new Vector3d(0.45666971366964326, 0.257300499380103, 0), samples.Points[1]);
    }

    [Fact]
    public void NoiseIsIsotropicGaussianOnTopOfTheSamePositions()
    {
        var plane = TestShapes.Square();
        const double sigma = 0.01;
        var clean = new SurfaceSampler(plane).Sample(30_000, new SeededRandom(11));
        var noisy = new SurfaceSampler(plane).Sample(30_000, new SeededRandom(11), sigma);
        var offsets = noisy.Points.Zip(clean.Points, (p, q) => p - q).ToArray();
        Assert.Equal(clean.Elements, noisy.Elements);
        Assert.Equal(clean.Normals, noisy.Normals);
        for (int axis = 0; axis < 3; axis++)
        {
            double mean = offsets.Average(o => o[axis]);
            double deviation = Math.Sqrt(offsets.Average(o => o[axis] * o[axis]));
            // Standard errors: mean σ/√n ≈ 5.8e-5, deviation σ/√(2n) ≈ 4.1e-5; allow five.
            Assert.Equal(0, mean, 3e-4);
            Assert.Equal(sigma, deviation, 2.1e-4);
        }
    }

    [Fact]
    public void PolylinesAreSampledByLength()
    {
        // An open chain with segments of length 1 and 3 and a zero-length one, and a closed unit square.
        var vertices = new Vector3d[] { new(0, 0, 0), new(1, 0, 0), new(1, 3, 0), new(1, 3, 0), new(5, 5, 5), new(6, 5, 5), new(6, 6, 5), new(5, 6, 5) };
        var mesh = new Mesh(vertices, polylines: [[0, 1, 2, 3], [4, 5, 6, 7, 4]]);
        var sampler = new SurfaceSampler(mesh);
        Assert.True(sampler.SamplesCurves);
        Assert.Equal(8.0, sampler.TotalMeasure);
        const int n = 80_000;
        var samples = sampler.Sample(n, new SeededRandom(12));
        Assert.Null(samples.Normals);
        Assert.Null(samples.ToPointCloud().Normals);
        var counts = new int[7];
        foreach (int s in samples.Elements) counts[s]++;
        Assert.Equal(0, counts[2]);
        double[] expected = [n / 8.0, 3 * n / 8.0, 0, n / 8.0, n / 8.0, n / 8.0, n / 8.0];
        double chiSquare = Enumerable.Range(0, 7).Where(s => s != 2).Sum(s => (counts[s] - expected[s]) * (counts[s] - expected[s]) / expected[s]);
        Assert.True(chiSquare < 20.52, $"χ² = {chiSquare} over 5 degrees of freedom (0.001 quantile 20.52)");
        for (int i = 0; i < n; i++)
        {
            var p = samples.Points[i];
            if (samples.Elements[i] == 1) Assert.True(p.X == 1 && p.Y >= 0 && p.Y <= 3 && p.Z == 0);
            if (samples.Elements[i] == 6) Assert.True(p.X == 5 && p.Y >= 5 && p.Y <= 6 && p.Z == 5);
        }
    }

    [Fact]
    public void SamplePointCloudReturnsPointsWithNormals()
    {
        var cloud = SurfaceSampler.SamplePointCloud(TestShapes.Square(2, 1), 500, seed: 3);
        Assert.Equal(500, cloud.VertexCount);
        Assert.False(cloud.HasTriangles);
        Assert.All(cloud.Normals!, n => Assert.Equal(new Vector3d(0, 0, 1), n));
        Assert.All(cloud.Vertices, p => Assert.True(p.Z == 1 && p.X is >= 0 and <= 2 && p.Y is >= 0 and <= 2));
        Assert.Equal(cloud.Vertices, SurfaceSampler.SamplePointCloud(TestShapes.Square(2, 1), 500, seed: 3).Vertices);
        Assert.Empty(new SurfaceSampler(TestShapes.Square()).Sample(0, new SeededRandom(0)).Points);
    }

    [Fact]
    public void UnusableInputsAreBadInput()
    {
        var zeroArea = new Mesh([new(0, 0, 0), new(1, 0, 0), new(2, 0, 0)], triangles: [0, 1, 2, 0, 0, 0]);
        Assert.Contains("zero surface area", Assert.Throws<InvalidInputException>(() => new SurfaceSampler(zeroArea)).Message);
        Assert.Contains("no triangles or polylines", Assert.Throws<InvalidInputException>(() => new SurfaceSampler(Mesh.PointCloud([Vector3d.Zero]))).Message);
        Assert.Contains("vertex 3", Assert.Throws<InvalidInputException>(() => new SurfaceSampler(new Mesh([new(0, 0, 0), new(1, 0, 0), new(0, 1, 0)], triangles: [0, 1, 3]))).Message);
        Assert.Contains("not finite", Assert.Throws<InvalidInputException>(() => new SurfaceSampler(new Mesh([new(0, 0, 0), new(1, 0, 0), new(0, double.NaN, 0)], triangles: [0, 1, 2]))).Message);
        Assert.Contains("zero total length", Assert.Throws<InvalidInputException>(() => new SurfaceSampler(new Mesh([Vector3d.Zero, Vector3d.Zero], polylines: [[0, 1]]))).Message);
        var sampler = new SurfaceSampler(TestShapes.Square());
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Sample(-1, new SeededRandom(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Sample(1, new SeededRandom(0), -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Sample(1, new SeededRandom(0), double.NaN));
    }
}
