using Nlset.Geometry.Meshing;

namespace Nlset.Geometry.Tests.Meshing;

public class SparseMarchingCubesTests
{
    static readonly BoundingBox Box = new(new Vector3d(-1, -1, -1), new Vector3d(1, 1, 1));

    static (MarchingCubesResult Dense, MarchingCubesResult Sparse) Both(ScalarField field, int resolution, int block = 8, BoundingBox? box = null)
    {
        var options = new MarchingCubesOptions { Resolution = resolution, CoarseBlock = block };
        return (MarchingCubes.Extract(field, box ?? Box, options), MarchingCubes.Extract(field, box ?? Box, options with { Sparse = true }));
    }

    [Theory]
    [InlineData(65, 8)]
    [InlineData(100, 8)]   // 99 cells: the last coarse block along each axis is 3 cells, not 8
    [InlineData(64, 5)]
    public void SparseSphereIsTheDenseSphere(int resolution, int block)
    {
        var (dense, sparse) = Both(AnalyticFields.Sphere(new Vector3d(0.031, -0.017, 0.009), 0.66), resolution, block);
        Assert.Equal(MeshIntegrals.TriangleKeys(dense.Mesh), MeshIntegrals.TriangleKeys(sparse.Mesh));
        Assert.Equal(dense.Mesh.VertexCount, sparse.Mesh.VertexCount);
        MeshIntegrals.AssertClosedManifold(sparse.Mesh, "sparse sphere");
        Assert.True(sparse.Statistics.FieldEvaluations < dense.Statistics.FieldEvaluations / 2,
            $"sparse {sparse.Statistics.FieldEvaluations} vs dense {dense.Statistics.FieldEvaluations} evaluations");
        Assert.True(sparse.Statistics.ActiveBlocks < sparse.Statistics.TotalBlocks);
    }

    [Fact]
    public void SparseTorusIsTheDenseTorus()
    {
        var (dense, sparse) = Both(AnalyticFields.Torus(0.55, 0.2, new Vector3d(0.004, 0.013, -0.02)), 81);
        Assert.Equal(MeshIntegrals.TriangleKeys(dense.Mesh), MeshIntegrals.TriangleKeys(sparse.Mesh));
        MeshIntegrals.AssertClosedManifold(sparse.Mesh, "sparse torus");
    }

    [Fact]
    public void ThinTubeIsFollowedBeyondTheBlocksWhoseCornersBracketIt()
    {
        // Tube radius 0.07 against coarse cells of 0.25: most coarse corners miss the tube, so the seeds cover only
        // parts of it, and the rest is reached by following cut block faces.
        var (dense, sparse) = Both(AnalyticFields.Torus(0.5, 0.07, new Vector3d(0.01, 0.02, 0.003)), 65);
        Assert.True(sparse.Statistics.ActiveBlocks > sparse.Statistics.SeedBlocks,
            $"{sparse.Statistics.ActiveBlocks} active, {sparse.Statistics.SeedBlocks} seeds");
        Assert.True(sparse.Statistics.SeedBlocks > 0);
        Assert.Equal(MeshIntegrals.TriangleKeys(dense.Mesh), MeshIntegrals.TriangleKeys(sparse.Mesh));
        MeshIntegrals.AssertClosedManifold(sparse.Mesh, "thin torus");
    }

    [Fact]
    public void BlobBetweenCoarseSamplesIsMissedAsDocumented()
    {
        // A sphere of radius 0.3 coarse cells centred in a coarse cell touches no coarse sample: no seed, no mesh.
        // Dense mode finds it. This is the stated limit of sparse mode.
        var (dense, sparse) = Both(AnalyticFields.Sphere(new Vector3d(0.125, 0.125, 0.125), 0.075), 65);
        Assert.True(dense.Mesh.TriangleCount > 0);
        Assert.Equal(0, sparse.Mesh.TriangleCount);
        Assert.Equal(0, sparse.Statistics.SeedBlocks);
    }

    [Fact]
    public void SeveralComponentsAndNonZeroIsoValueMatchDense()
    {
        var field = AnalyticFields.Union(
            AnalyticFields.Sphere(new Vector3d(-0.45, 0.01, 0.02), 0.3),
            AnalyticFields.Torus(0.3, 0.1, new Vector3d(0.5, -0.02, 0.01)));
        var options = new MarchingCubesOptions { Resolution = 70, IsoValue = 0.05 };
        var dense = MarchingCubes.Extract(field, Box, options);
        var sparse = MarchingCubes.Extract(field, Box, options with { Sparse = true });
        Assert.Equal(2, MeshTopology.Of(dense.Mesh).Components);
        Assert.Equal(MeshIntegrals.TriangleKeys(dense.Mesh), MeshIntegrals.TriangleKeys(sparse.Mesh));
    }

    [Fact]
    public void SurfaceLeavingTheBoxMatchesDenseUpToTheBorder()
    {
        // A sphere cut by the box: an open mesh whose border is on the box faces, in both modes.
        var (dense, sparse) = Both(AnalyticFields.Sphere(new Vector3d(0.9, 0.0, 0.0), 0.5), 57);
        Assert.True(MeshTopology.Of(dense.Mesh).BoundaryEdges > 0);
        Assert.Equal(MeshIntegrals.TriangleKeys(dense.Mesh), MeshIntegrals.TriangleKeys(sparse.Mesh));
    }

    [Fact]
    public void EachFineSampleIsEvaluatedAtMostOnce()
    {
        var seen = new HashSet<Vector3d>();
        int repeats = 0;
        ScalarField sphere = AnalyticFields.Sphere(new Vector3d(0.02, 0.01, -0.03), 0.6);
        ScalarField recording = (points, values) =>
        {
            foreach (var p in points)
                if (!seen.Add(p)) repeats++;
            sphere(points, values);
        };
        var result = MarchingCubes.Extract(recording, Box, new MarchingCubesOptions { Resolution = 49, Sparse = true, CoarseBlock = 6 });
        Assert.Equal(0, repeats);
        Assert.Equal(seen.Count, result.Statistics.FieldEvaluations);
        Assert.True(result.Statistics.CoarseEvaluations > 0 && result.Statistics.CoarseEvaluations < result.Statistics.FieldEvaluations);
    }
}
