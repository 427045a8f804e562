using System.Text.Json;
using Nlset.Geometry;
using Nlset.Geometry.IO;

namespace Nlset.Cli.Tests;

public sealed class InfoCommandTests() : TestFolder("nlset-info-")
{
    static Mesh Tetrahedron(bool open = false)
    {
        Vector3d[] v = [new(0, 0, 0), new(1, 0, 0), new(0, 1, 0), new(0, 0, 1)];
        int[] t = [0, 2, 1, 0, 1, 3, 1, 2, 3, 0, 3, 2];
        return new Mesh(v, triangles: open ? t[..9] : t);
    }

    [Fact]
    public void ReportsCountsBoundsAndClosedness()
    {
        var run = CliRun.Of("info", Write("tet.ply", Tetrahedron()));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("PLY", run.Out);
        Assert.Matches(@"vertices\s+4", run.Out);
        Assert.Matches(@"triangles\s+4", run.Out);
        Assert.Matches(@"boundary\s+0 edges", run.Out);
        Assert.Contains("closed        yes", run.Out);
    }

    [Fact]
    public void AClosedMeshReportsItsGenus()
    {
        var path = Write("torus.ply", Nlset.Geometry.Shapes.Torus.Create(1, 0.3, 32, 12));
        var run = CliRun.Of("info", path);
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"genus\s+1 \(", run.Out);
        var json = CliRun.Of("info", path, "--json");
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Equal(1, doc.RootElement.GetProperty("topology").GetProperty("genus").GetInt32());
        Assert.Equal(0, doc.RootElement.GetProperty("topology").GetProperty("eulerCharacteristic").GetInt32());
        // An open mesh has no genus to report.
        Assert.DoesNotContain("genus", CliRun.Of("info", Write("open.obj", Tetrahedron(open: true))).Out);
    }

    [Fact]
    public void OpenMeshShowsBoundaryEdges()
    {
        var run = CliRun.Of("info", Write("open.obj", Tetrahedron(open: true)));
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"boundary\s+3 edges", run.Out);
        Assert.Contains("closed        no", run.Out);
    }

    [Fact]
    public void JsonHasTheSameFigures()
    {
        var cloud = Mesh.PointCloud([new(0, 0, 0), new(2, 1, 0.5)], [new(0, 0, 1), new(0, 1, 0)]);
        var run = CliRun.Of("info", Write("cloud.xyz", cloud), "--json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.Equal("XYZ", root.GetProperty("format").GetString());
        Assert.Equal(2, root.GetProperty("vertices").GetInt32());
        Assert.True(root.GetProperty("normals").GetBoolean());
        Assert.Equal(2.0, root.GetProperty("bounds").GetProperty("size")[0].GetDouble());
        Assert.False(root.TryGetProperty("topology", out _));
    }

    [Fact]
    public void PolylinesAreSummarised()
    {
        Vector3d[] v = [new(0, 0, 0), new(1, 0, 0), new(1, 1, 0), new(0, 0, 5), new(0, 0, 7)];
        var mesh = new Mesh(v, polylines: [[0, 1, 2, 0], [3, 4]]);
        var run = CliRun.Of("info", Write("curve.obj", mesh));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2 polylines: 1 closed, 1 open, total length 5.41421", run.Out);
    }

    [Fact]
    public void PlyEdgesAreJoinedIntoTheCurvesTheyMake()
    {
        // PLY keeps a curve as an edge element: read back, a closed 40-gon and an open 3-segment path are 43 edges.
        var circle = Nlset.Geometry.Shapes.ParametricCurves.Circle(1, segments: 40);
        var v = circle.Vertices.Concat([new Vector3d(5, 0, 0), new Vector3d(6, 0, 0), new Vector3d(7, 0, 0), new Vector3d(8, 0, 0)]).ToArray();
        var mesh = new Mesh(v, polylines: [circle.Polylines[0], [40, 41, 42, 43]]);
        var path = Write("curves.ply", mesh);
        Assert.Equal(43, GeometryFiles.Read(path).Polylines.Count);
        var run = CliRun.Of("info", path, "--json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var summary = doc.RootElement.GetProperty("polylineSummary");
        Assert.Equal(2, summary.GetProperty("count").GetInt32());
        Assert.Equal(1, summary.GetProperty("closed").GetInt32());
        Assert.Equal(1, summary.GetProperty("open").GetInt32());
        Assert.Equal(80 * Math.Sin(Math.PI / 40) + 3, summary.GetProperty("totalLength").GetDouble(), 5);
        Assert.Equal(2, doc.RootElement.GetProperty("polylines").GetInt32());
    }

    [Fact]
    public void TruncatedPlyIsOneLineBadInput()
    {
        var path = Write("cut.ply", Tetrahedron());
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 7)]);
        CliRun.Of("info", path).AssertBadInput("cut.ply");
    }

    [Fact]
    public void MissingFileIsOneLineBadInput() => CliRun.Of("info", P("nope.ply")).AssertBadInput("nope.ply");

    [Fact]
    public void NaNCoordinatesAreOneLineBadInput()
    {
        var path = P("nan.xyz");
        File.WriteAllText(path, "0 0 0\n1 nan 2\n");
        CliRun.Of("info", path).AssertBadInput("nan.xyz", "line 2");
    }
}
