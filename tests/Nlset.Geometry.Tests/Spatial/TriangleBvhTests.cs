using Nlset.Geometry.Randomness;
using Nlset.Geometry.Shapes;
using Nlset.Geometry.Spatial;

namespace Nlset.Geometry.Tests.Spatial;

public class TriangleBvhTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(16)]
    public void AgreesWithALinearScanOverATriangleSoupWithDegenerateTriangles(int leafSize)
    {
        var random = new SeededRandom(6);
        var vertices = TestShapes.RandomPoints(random, 300);
        var triangles = new List<int>();
        for (int t = 0; t < 200; t++) triangles.AddRange([random.NextInt(300), random.NextInt(300), random.NextInt(300)]);
        triangles.AddRange([5, 5, 5, 7, 7, 9, 1, 2, 1]); // a point and two segments
        var mesh = new Mesh(vertices, triangles: [.. triangles]);
        var bvh = new TriangleBvh(mesh, leafSize);
        Assert.Equal(mesh.TriangleCount, bvh.TriangleCount);
        var queries = TestShapes.RandomPoints(random, 500, 3).Select(q => q - new Vector3d(1, 1, 1)).Concat(triangles.Take(50).Select(v => vertices[v])).ToArray(); // the last 50 are corners of triangles
        var answers = bvh.ClosestPoints(queries);
        for (int i = 0; i < queries.Length; i++)
        {
            double expected = Enumerable.Range(0, mesh.TriangleCount).Min(t => TriangleOf(mesh, t).DistanceTo(queries[i]));
            Assert.Equal(expected, answers[i].Distance);
            Assert.Equal(answers[i].Distance, (queries[i] - answers[i].Point).Length);
            Assert.Equal(answers[i].Distance, TriangleOf(mesh, answers[i].Triangle).DistanceTo(queries[i]));
            Assert.Equal(answers[i], bvh.ClosestPoint(queries[i]));
        }
        for (int i = 500; i < queries.Length; i++) Assert.Equal(0.0, answers[i].Distance);
    }

    [Fact]
    public void PointsOnASphereMeshAreOnItAndPointsOffItAreAtTheirRadialDistance()
    {
        var sphere = Icosphere.Create(3);
        var bvh = new TriangleBvh(sphere);
        foreach (var v in sphere.Vertices) Assert.Equal(0.0, bvh.ClosestPoint(v).Distance);
        // Outside, along a vertex direction, the nearest point is that vertex: the distance is exact.
        foreach (var v in sphere.Vertices.Take(40)) Assert.Equal(0.5, bvh.ClosestPoint(v * 1.5).Distance, 14);
    }

    [Fact]
    public void BadMeshesAndQueriesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new TriangleBvh(new Mesh([Vector3d.Zero])));
        Assert.Throws<ArgumentException>(() => new TriangleBvh(new Mesh([Vector3d.Zero, Vector3d.Zero], triangles: [0, 1, 2])));
        Assert.Throws<ArgumentException>(() => new TriangleBvh(new Mesh([Vector3d.Zero, Vector3d.Zero, new(double.NaN, 0, 0)], triangles: [0, 1, 2])));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TriangleBvh(TestShapes.Square(), leafSize: 0));
        var bvh = new TriangleBvh(TestShapes.Square());
        Assert.Throws<ArgumentException>(() => bvh.ClosestPoint(new Vector3d(double.NaN, 0, 0)));
        var queries = new Vector3d[3000];
        queries[2500] = new Vector3d(0, double.PositiveInfinity, 0);
        Assert.Throws<ArgumentException>(() => bvh.ClosestPoints(queries));
    }

    static Triangle3d TriangleOf(Mesh mesh, int t)
    {
        var (a, b, c) = mesh.Triangle(t);
        return new Triangle3d(mesh.Vertices[a], mesh.Vertices[b], mesh.Vertices[c]);
    }
}
