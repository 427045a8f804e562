using Nlset.Geometry.Meshing;

namespace Nlset.Geometry.Tests.Meshing;

public class MarchingCubesTopologyTests
{
    static readonly BoundingBox Box = new(new Vector3d(-1, -1, -1), new Vector3d(1, 1, 1));

    static int EulerCharacteristic(Mesh mesh) => mesh.VertexCount - MeshTopology.Of(mesh).EdgeCount + mesh.TriangleCount;

    [Theory]
    [InlineData(24)]
    [InlineData(48)]
    public void TorusIsOneClosedSurfaceOfGenusOne(int resolution)
    {
        var field = AnalyticFields.Torus(0.55, 0.22, new Vector3d(0.011, 0.003, -0.017));
        var mesh = MarchingCubes.Extract(field, Box, new MarchingCubesOptions { Resolution = resolution }).Mesh;
        MeshIntegrals.AssertClosedManifold(mesh, "torus");
        Assert.Equal(1, MeshTopology.Of(mesh).Components);
        Assert.Equal(0, EulerCharacteristic(mesh));
    }

    [Theory]
    [InlineData(0.1)]   // gap a tenth of a cell: the grid cannot tell the spheres apart
    [InlineData(1.3)]   // gap a little over a cell
    public void NearlyTouchingSpheresGiveClosedManifoldMeshes(double gapInCells)
    {
        const int resolution = 41;
        double h = 2.0 / (resolution - 1), radius = 0.4, offset = radius + gapInCells * h / 2;
        var field = AnalyticFields.Union(
            AnalyticFields.Sphere(new Vector3d(-offset, 0.0123, -0.0077), radius),
            AnalyticFields.Sphere(new Vector3d(offset, 0.0123, -0.0077), radius));
        var mesh = MarchingCubes.Extract(field, Box, new MarchingCubesOptions { Resolution = resolution }).Mesh;
        MeshIntegrals.AssertClosedManifold(mesh, $"spheres {gapInCells} cells apart");
        int components = MeshTopology.Of(mesh).Components;
        if (gapInCells > 1) Assert.Equal(2, components);
        else Assert.InRange(components, 1, 2);
        // Each piece is a sphere (χ = 2), or the two are joined by tubes (χ = 2 − 2·tubes + 2 for one piece).
        Assert.True(EulerCharacteristic(mesh) % 2 == 0);
    }

    /// <summary>0.3 − Σ aᵢ·exp(−‖p − cᵢ‖²/(2σᵢ²)) with seeded random bumps and dips (aᵢ of both signs, σᵢ one to two
    /// cells at the test resolutions) well inside the box: a smooth field whose zero set is closed, bumpy and full of
    /// saddles, where faces with alternating corner signs are common.</summary>
    static ScalarField Bumps(int seed, int count)
    {
        var random = new Random(seed);
        var bumps = Enumerable.Range(0, count).Select(_ => (
            Center: new Vector3d(1.2 * random.NextDouble() - 0.6, 1.2 * random.NextDouble() - 0.6, 1.2 * random.NextDouble() - 0.6),
            Amplitude: 2.5 * random.NextDouble() - 1,
            Sigma: 0.05 + 0.07 * random.NextDouble())).ToArray();
        return AnalyticFields.Pointwise(p =>
        {
            double sum = 0;
            foreach (var (c, a, s) in bumps) sum += a * Math.Exp(-(p - c).LengthSquared / (2 * s * s));
            return 0.3 - sum;
        });
    }

    /// <summary>Cells of the grid with a face whose corners alternate in sign: the ambiguous cases.</summary>
    static int AmbiguousCells(SampleGrid grid, double[] values)
    {
        bool Inside(int i, int j, int k) => values[i + grid.CountX * (j + grid.CountY * k)] < 0;
        bool Alternates(bool a, bool b, bool c, bool d) => a == c && b == d && a != b; // corners in cyclic order
        int count = 0;
        for (int k = 0; k < grid.CountZ - 1; k++)
            for (int j = 0; j < grid.CountY - 1; j++)
                for (int i = 0; i < grid.CountX - 1; i++)
                {
                    bool any = false;
                    for (int d = 0; d < 2 && !any; d++)
                        any = Alternates(Inside(i + d, j, k), Inside(i + d, j + 1, k), Inside(i + d, j + 1, k + 1), Inside(i + d, j, k + 1))
                           || Alternates(Inside(i, j + d, k), Inside(i + 1, j + d, k), Inside(i + 1, j + d, k + 1), Inside(i, j + d, k + 1))
                           || Alternates(Inside(i, j, k + d), Inside(i + 1, j, k + d), Inside(i + 1, j + 1, k + d), Inside(i, j + 1, k + d));
                    if (any) count++;
                }
        return count;
    }

    [Theory]
    [InlineData(1, 60, 13)]
    [InlineData(1, 60, 17)]
    [InlineData(2, 40, 17)]
    [InlineData(3, 60, 17)]
    [InlineData(4, 60, 13)]
    [InlineData(4, 60, 31)]
    public void RandomSmoothFieldGivesClosedManifoldMeshThroughAmbiguousCells(int seed, int bumps, int resolution)
    {
        var field = Bumps(seed, bumps);
        var result = MarchingCubes.Extract(field, Box, new MarchingCubesOptions { Resolution = resolution });
        MeshIntegrals.AssertClosedManifold(result.Mesh, $"seed {seed}");
        Assert.True(AmbiguousCells(result.Grid, result.Grid.Evaluate(field)) > 0, "the field should produce ambiguous cells at this resolution");
    }

    /// <summary>Independent random values at every sample (outside on the grid's border) make every case and every
    /// pairing of neighbouring cases appear, thousands of ambiguous faces among them: the harshest check of the
    /// table's consistency.</summary>
    [Theory]
    [InlineData(11, false)]
    [InlineData(12, false)]
    [InlineData(13, true)]
    [InlineData(14, true)]
    public void WhiteNoiseGivesClosedManifoldMesh(int seed, bool ties)
    {
        var grid = new SampleGrid(Vector3d.Zero, 1, 14, 15, 16);
        var random = new Random(seed);
        var values = new double[grid.SampleCount];
        for (int k = 0, s = 0; k < grid.CountZ; k++)
            for (int j = 0; j < grid.CountY; j++)
                for (int i = 0; i < grid.CountX; i++, s++)
                {
                    bool border = i == 0 || j == 0 || k == 0 || i == grid.CountX - 1 || j == grid.CountY - 1 || k == grid.CountZ - 1;
                    // With ties, a third of the samples sit exactly on the iso value, so welds happen everywhere.
                    values[s] = border ? 1 : ties ? random.Next(-1, 2) : random.NextDouble() - 0.5;
                }
        var mesh = MarchingCubes.Extract(grid, values).Mesh;
        var topology = MeshTopology.Of(mesh);
        Assert.True(topology.IsWatertight, $"{topology}");
        Assert.Equal(0, topology.DegenerateTriangles);
        Assert.Equal(0, MeshIntegrals.InconsistentlyOrientedEdges(mesh));
        Assert.Equal(0, MeshIntegrals.NonManifoldVertices(mesh));
        Assert.Equal(0, MeshIntegrals.DuplicateTriangles(mesh));
        if (!ties) Assert.Equal(0, MeshIntegrals.DuplicateVertexPositions(mesh));
        Assert.True(AmbiguousCells(grid, values) > 100);
    }

    /// <summary>A grid with unit cells and integer sample coordinates 0..8, so planes can pass exactly through samples.</summary>
    static readonly BoundingBox IntegerBox = new(Vector3d.Zero, new Vector3d(8, 8, 8));

    static Mesh PlaneMesh(Func<Vector3d, double> exactPlane) =>
        MarchingCubes.Extract(AnalyticFields.Pointwise(exactPlane), IntegerBox, new MarchingCubesOptions { Resolution = 9 }).Mesh;

    static bool OnBoxBoundary(Vector3d p) =>
        p.X is 0 or 8 || p.Y is 0 or 8 || p.Z is 0 or 8;

    static void AssertCleanOpenSheet(Mesh mesh, Func<Vector3d, double> plane)
    {
        var topology = MeshTopology.Of(mesh);
        Assert.Equal(0, topology.DegenerateTriangles);
        Assert.Equal(0, topology.NonManifoldEdges);
        Assert.Equal(1, topology.Components);
        Assert.Equal(0, MeshIntegrals.DuplicateTriangles(mesh));
        Assert.Equal(0, MeshIntegrals.DuplicateVertexPositions(mesh));
        Assert.Equal(0, MeshIntegrals.NonManifoldVertices(mesh));
        Assert.Equal(0, MeshIntegrals.InconsistentlyOrientedEdges(mesh));
        for (int t = 0; t < mesh.TriangleCount; t++) Assert.True(MeshIntegrals.TriangleArea(mesh, t) > 1e-9, $"triangle {t} has zero area");
        foreach (var v in mesh.Vertices) Assert.Equal(0, plane(v), 12);
        // Boundary edges only where the sheet leaves the box.
        var uses = new Dictionary<(int, int), int>();
        for (int t = 0; t < mesh.TriangleCount; t++)
        {
            var (a, b, c) = mesh.Triangle(t);
            foreach (var (p, q) in new[] { (a, b), (b, c), (c, a) })
            {
                var key = (Math.Min(p, q), Math.Max(p, q));
                uses[key] = uses.GetValueOrDefault(key) + 1;
            }
        }
        foreach (var ((p, q), n) in uses.Where(e => e.Value == 1))
            Assert.True(OnBoxBoundary(mesh.Vertices[p]) && OnBoxBoundary(mesh.Vertices[q]), $"open edge {mesh.Vertices[p]}–{mesh.Vertices[q]} inside the box");
    }

    [Fact]
    public void AxisPlaneThroughGridVerticesIsTwoTrianglesPerCell()
    {
        Func<Vector3d, double> plane = p => p.Z - 3;
        var mesh = PlaneMesh(plane);
        AssertCleanOpenSheet(mesh, plane);
        Assert.Equal(81, mesh.VertexCount);           // the 9 × 9 samples of the plane z = 3
        Assert.Equal(2 * 8 * 8, mesh.TriangleCount);
        Assert.Equal(64, MeshIntegrals.Area(mesh), 9);
    }

    [Fact]
    public void DiagonalPlaneThroughGridVerticesWeldsOntoThem()
    {
        Func<Vector3d, double> plane = p => p.X - p.Y;
        var mesh = PlaneMesh(plane);
        AssertCleanOpenSheet(mesh, plane);
        Assert.Equal(81, mesh.VertexCount);           // samples with x = y: 9 along the diagonal × 9 in z
        Assert.Equal(2 * 8 * 8, mesh.TriangleCount);
        Assert.Equal(64 * Math.Sqrt(2), MeshIntegrals.Area(mesh), 9);
    }

    [Fact]
    public void SkewPlaneThroughGridVerticesCoversTheExactHexagon()
    {
        Func<Vector3d, double> plane = p => p.X + p.Y + p.Z - 12;
        var mesh = PlaneMesh(plane);
        AssertCleanOpenSheet(mesh, plane);
        int samplesOnPlane = 0;
        for (int i = 0; i <= 8; i++)
            for (int j = 0; j <= 8; j++)
                if (12 - i - j is >= 0 and <= 8) samplesOnPlane++;
        Assert.Equal(samplesOnPlane, mesh.VertexCount);
        // x + y + z = 12 cuts the cube [0, 8]³ in a regular hexagon of side 8/√2: area (3√3/2)·32.
        Assert.Equal(48 * Math.Sqrt(3), MeshIntegrals.Area(mesh), 9);
    }

    [Fact]
    public void SphereThroughManyGridVerticesStaysClosedAndManifold()
    {
        // Radius 5 on unit cells centred on a sample: the sphere passes exactly through every sample with
        // i² + j² + k² = 25, e.g. (3, 4, 0); those samples count as outside and their cut edges weld onto them.
        var box = new BoundingBox(new Vector3d(-7, -7, -7), new Vector3d(7, 7, 7));
        var mesh = MarchingCubes.Extract(AnalyticFields.Sphere(Vector3d.Zero, 5), box, new MarchingCubesOptions { Resolution = 15 }).Mesh;
        MeshIntegrals.AssertClosedManifold(mesh, "sphere through samples");
        Assert.Equal(2, EulerCharacteristic(mesh));
        Assert.Contains(new Vector3d(3, 4, 0), mesh.Vertices);
        for (int t = 0; t < mesh.TriangleCount; t++) Assert.True(MeshIntegrals.TriangleArea(mesh, t) > 1e-9);
    }
}
