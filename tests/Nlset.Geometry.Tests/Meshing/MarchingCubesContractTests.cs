using Nlset.Geometry.Meshing;

namespace Nlset.Geometry.Tests.Meshing;

/// <summary>How marching cubes calls the field, what it does with odd or bad input, and that its output is repeatable.</summary>
public class MarchingCubesContractTests
{
    static readonly BoundingBox Box = new(new Vector3d(-1, -1, -1), new Vector3d(1, 1, 1));
    static readonly ScalarField Ball = AnalyticFields.Sphere(new Vector3d(0.021, -0.013, 0.008), 0.6);

    /// <summary>Wraps a field to record batch sizes and to fail if two calls ever overlap in time.</summary>
    sealed class CallLog(ScalarField inner)
    {
        int active;
        public List<int> Batches { get; } = [];
        public bool Overlapped { get; private set; }

        public void Evaluate(ReadOnlySpan<Vector3d> points, Span<double> values)
        {
            if (Interlocked.Increment(ref active) > 1) Overlapped = true;
            lock (Batches) Batches.Add(points.Length);
            inner(points, values);
            Interlocked.Decrement(ref active);
        }
    }

    [Fact]
    public void DenseModeCallsTheFieldWithWholeBatches()
    {
        var log = new CallLog(Ball);
        var result = MarchingCubes.Extract(log.Evaluate, Box, new MarchingCubesOptions { Resolution = 64 });
        // 64 slices of 64² samples, 16 slices per default 64K batch: four full calls.
        Assert.Equal([65536, 65536, 65536, 65536], log.Batches);
        Assert.False(log.Overlapped);
        Assert.Equal(4, result.Statistics.FieldCalls);
        Assert.Equal(64L * 64 * 64, result.Statistics.FieldEvaluations);
        Assert.Equal(65536, result.Statistics.SmallestBatch);
    }

    [Fact]
    public void SlicesLargerThanABatchAreSplitEvenly()
    {
        var log = new CallLog(Ball);
        MarchingCubes.Extract(log.Evaluate, Box, new MarchingCubesOptions { Resolution = 64, MaxBatch = 1000 });
        // Each 4096-sample slice in ⌈4096/1000⌉ = 5 calls of 819 or 820 points.
        Assert.Equal(64 * 5, log.Batches.Count);
        Assert.All(log.Batches, n => Assert.InRange(n, 819, 820));
    }

    [Fact]
    public void SparseModeCallsTheFieldInFewLargeBatchesFromOneThread()
    {
        var log = new CallLog(Ball);
        var result = MarchingCubes.Extract(log.Evaluate, Box, new MarchingCubesOptions { Resolution = 129, Sparse = true, MaxBatch = 20000 });
        Assert.False(log.Overlapped);
        Assert.All(log.Batches, n => Assert.InRange(n, 1, 20000));
        // Batches are filled to within one block (9³ samples) of the limit except the last of each round.
        Assert.True(log.Batches.Count(n => n < 20000 - 729) <= 4, string.Join(",", log.Batches));
        Assert.True(log.Batches.Count <= result.Statistics.FieldEvaluations / (20000 - 729) + 5);
        Assert.Equal(log.Batches.Sum(n => (long)n), result.Statistics.FieldEvaluations);
    }

    [Fact]
    public void OutputDoesNotDependOnThreadsBatchSizeOrPrecomputation()
    {
        var field = AnalyticFields.Torus(0.5, 0.25, new Vector3d(0.01, 0.02, -0.03));
        var options = new MarchingCubesOptions { Resolution = 50 };
        var reference = MarchingCubes.Extract(field, Box, options with { MaxDegreeOfParallelism = 1 }).Mesh;
        var variants = new[]
        {
            MarchingCubes.Extract(field, Box, options with { MaxBatch = 777 }).Mesh,
            MarchingCubes.Extract(field, Box, options with { MaxBatch = 1 << 20, MaxDegreeOfParallelism = 4 }).Mesh,
            MarchingCubes.Extract(SampleGrid.Covering(Box, 50), SampleGrid.Covering(Box, 50).Evaluate(field), 0, 3).Mesh,
        };
        foreach (var mesh in variants)
        {
            Assert.Equal(reference.Vertices, mesh.Vertices);
            Assert.Equal(reference.Triangles, mesh.Triangles);
        }
        var sparse1 = MarchingCubes.Extract(field, Box, options with { Sparse = true, MaxDegreeOfParallelism = 1 }).Mesh;
        var sparse4 = MarchingCubes.Extract(field, Box, options with { Sparse = true, MaxDegreeOfParallelism = 4, MaxBatch = 5000 }).Mesh;
        Assert.Equal(sparse1.Vertices, sparse4.Vertices);
        Assert.Equal(sparse1.Triangles, sparse4.Triangles);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NonZeroIsoValueExtractsThatLevel(bool sparse)
    {
        var center = new Vector3d(0.021, -0.013, 0.008);
        var result = MarchingCubes.Extract(Ball, Box, new MarchingCubesOptions { Resolution = 48, IsoValue = 0.2, Sparse = sparse });
        double h = result.Grid.Spacing;
        MeshIntegrals.AssertClosedManifold(result.Mesh, "iso 0.2");
        foreach (var v in result.Mesh.Vertices) Assert.True(Math.Abs((v - center).Length - 0.8) < 0.1 * h);
        Assert.Equal(4.0 / 3 * Math.PI * 0.8 * 0.8 * 0.8, MeshIntegrals.EnclosedVolume(result.Mesh), 0.02);
    }

    [Theory]
    [InlineData(false, 1.0)]
    [InlineData(true, 1.0)]
    [InlineData(false, -1.0)]
    [InlineData(true, -1.0)]
    public void FieldWithoutSurfaceGivesEmptyMesh(bool sparse, double constant)
    {
        ScalarField field = (_, values) => values.Fill(constant);
        var result = MarchingCubes.Extract(field, Box, new MarchingCubesOptions { Resolution = 33, Sparse = sparse });
        Assert.Equal(0, result.Mesh.VertexCount);
        Assert.Equal(0, result.Mesh.TriangleCount);
        if (sparse) Assert.Equal(result.Statistics.CoarseEvaluations, result.Statistics.FieldEvaluations);
    }

    [Fact]
    public void FlatBoxStillGetsTwoSamplesAcrossItsThinSide()
    {
        var flat = new BoundingBox(new Vector3d(-1, -1, 0), new Vector3d(1, 1, 0));
        var result = MarchingCubes.Extract(AnalyticFields.Plane(new Vector3d(0, 0, 1), 0.01), flat, new MarchingCubesOptions { Resolution = 11 });
        Assert.Equal((11, 11, 2), (result.Grid.CountX, result.Grid.CountY, result.Grid.CountZ));
        Assert.Equal(2 * 10 * 10, result.Mesh.TriangleCount);
        Assert.All(result.Mesh.Vertices, v => Assert.Equal(0.01, v.Z, 12));
    }

    static string Fails(Action action) => Assert.ThrowsAny<InvalidInputException>(action).Message;

    [Theory]
    [InlineData(1, "resolution")]
    [InlineData(0, "resolution")]
    [InlineData(SampleGrid.MaxCount + 1, "resolution")]
    public void BadResolutionIsRejected(int resolution, string expected)
    {
        Assert.Contains(expected, Fails(() => MarchingCubes.Extract(Ball, Box, new MarchingCubesOptions { Resolution = resolution })));
    }

    [Fact]
    public void BadBoxesAndOptionsAreRejectedWithClearMessages()
    {
        var point = new BoundingBox(new Vector3d(1, 2, 3), new Vector3d(1, 2, 3));
        Assert.Contains("empty", Fails(() => MarchingCubes.Extract(Ball, point, new MarchingCubesOptions())));
        var inverted = new BoundingBox(new Vector3d(1, 0, 0), new Vector3d(0, 1, 1));
        Assert.Contains("empty", Fails(() => MarchingCubes.Extract(Ball, inverted, new MarchingCubesOptions())));
        var infinite = new BoundingBox(new Vector3d(0, 0, 0), new Vector3d(double.PositiveInfinity, 1, 1));
        Assert.Contains("not finite", Fails(() => MarchingCubes.Extract(Ball, infinite, new MarchingCubesOptions())));
        Assert.Contains("iso value", Fails(() => MarchingCubes.Extract(Ball, Box, new MarchingCubesOptions { IsoValue = double.NaN })));
        Assert.Contains("batch", Fails(() => MarchingCubes.Extract(Ball, Box, new MarchingCubesOptions { MaxBatch = 0 })));
        Assert.Contains("coarse block", Fails(() => MarchingCubes.Extract(Ball, Box, new MarchingCubesOptions { CoarseBlock = 1 })));
        Assert.Contains("thread", Fails(() => MarchingCubes.Extract(Ball, Box, new MarchingCubesOptions { MaxDegreeOfParallelism = 0 })));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NaNFromTheFieldIsReportedWithThePoint(bool sparse)
    {
        // As a diverged network would: NaN in one region of space.
        ScalarField broken = (points, values) =>
        {
            Ball(points, values);
            for (int i = 0; i < points.Length; i++)
                if (points[i].X > 0.5 && points[i].Y > 0.5) values[i] = double.NaN;
        };
        string message = Fails(() => MarchingCubes.Extract(broken, Box, new MarchingCubesOptions { Resolution = 17, Sparse = sparse }));
        Assert.Contains("NaN", message);
        var at = System.Text.RegularExpressions.Regex.Match(message, @"at point \(([-\d.E]+), ([-\d.E]+), ([-\d.E]+)\)");
        Assert.True(at.Success, message);
        Assert.True(double.Parse(at.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0.5);
        Assert.True(double.Parse(at.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) > 0.5);
    }

    [Fact]
    public void PrecomputedValuesAreChecked()
    {
        var grid = new SampleGrid(Vector3d.Zero, 0.5, 3, 4, 5);
        var values = new double[grid.SampleCount];
        Assert.Contains("60 samples", Fails(() => MarchingCubes.Extract(grid, values.AsMemory(1))));
        values[1 + 3 * (2 + 4 * 3)] = double.PositiveInfinity;
        string message = Fails(() => MarchingCubes.Extract(grid, values));
        Assert.Contains("sample 1, 2, 3", message);
        Assert.Contains("is Infinity", message);
        Assert.Contains("samples along y", Fails(() => new SampleGrid(Vector3d.Zero, 1, 2, 1, 2)));
        Assert.Contains("spacing", Fails(() => new SampleGrid(Vector3d.Zero, 0, 2, 2, 2)));
    }

    [Fact]
    public void CoveringGridSpansTheBoxWithCubicCells()
    {
        var box = new BoundingBox(new Vector3d(-2, 0, 1), new Vector3d(2, 1, 1.3));
        var grid = SampleGrid.Covering(box, 41);
        Assert.Equal(0.1, grid.Spacing, 15);
        Assert.Equal((41, 11, 4), (grid.CountX, grid.CountY, grid.CountZ));
        Assert.Equal(box.Min, grid.Point(0, 0, 0));
        Assert.True(grid.Point(0, 0, 3).Z >= box.Max.Z - 1e-12);
    }
}
