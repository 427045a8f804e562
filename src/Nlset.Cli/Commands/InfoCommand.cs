using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Nlset.Geometry;
using Nlset.Geometry.Curves;
using Nlset.Geometry.IO;

namespace Nlset.Cli.Commands;

/// <summary>`nlset info FILE`: what a geometry file holds, and for meshes whether they are closed.</summary>
public static class InfoCommand
{
    /// <summary>Everything the handler needs, parsed.</summary>
    public sealed record Request(string File, GeometryReadOptions Reading, bool Json);

    public static Command Create(CliContext ctx)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A point cloud, mesh or polyline file (PLY, OBJ, OFF, STL, XYZ)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var command = new Command("info", "Show a geometry file's format, counts, bounding box, normals, colours, and for meshes boundary and non-manifold edges.")
        {
            file, json,
        };
        GeometryInput.AddTo(command);
        command.SetAction(parse => Run(ctx, new Request(parse.GetValue(file)!.FullName, GeometryInput.ReadOptionsOf(parse), parse.GetValue(json))));
        return command;
    }

    public static int Run(CliContext ctx, Request request)
    {
        ctx.Log.Debug("Reading {File}", request.File);
        var report = Describe(request.File, GeometryInput.Read(ctx, request.Reading, request.File), GeometryFiles.DetectFormat(request.File));
        if (request.Json) ctx.Out.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
        else WriteTable(ctx.Out, report);
        return (int)ExitCode.Success;
    }

    public sealed record BoundsReport(double[] Min, double[] Max, double[] Size, double Diagonal);
    public sealed record TopologyReport(int Edges, int BoundaryEdges, int NonManifoldEdges, int Components, int DegenerateTriangles, bool Watertight,
        int EulerCharacteristic, int? Genus);
    public sealed record PolylineReport(int Count, int Closed, int Open, double TotalLength);
    public sealed record FileReport(string File, string Format, int Vertices, bool Normals, bool Colors, int Triangles, int Polylines,
        BoundsReport? Bounds, TopologyReport? Topology, PolylineReport? PolylineSummary);

    public static FileReport Describe(string path, Mesh mesh, GeometryFormat format)
    {
        BoundsReport? bounds = null;
        if (mesh.VertexCount > 0)
        {
            var b = mesh.Bounds;
            bounds = new BoundsReport([b.Min.X, b.Min.Y, b.Min.Z], [b.Max.X, b.Max.Y, b.Max.Z], [b.Size.X, b.Size.Y, b.Size.Z], b.Diagonal);
        }
        TopologyReport? topology = null;
        if (mesh.HasTriangles)
        {
            var t = MeshTopology.Of(mesh);
            topology = new TopologyReport(t.EdgeCount, t.BoundaryEdges, t.NonManifoldEdges, t.Components, t.DegenerateTriangles, t.IsWatertight,
                t.EulerCharacteristic, t.Genus);
        }
        PolylineReport? polylines = null;
        if (mesh.HasPolylines)
        {
            // PLY stores a curve as separate edges, and OBJ files may split one too: count the curves, not the pieces.
            var chains = PolylineChains.Join(mesh.Polylines);
            int closed = chains.Count(PolylineChains.IsClosed);
            double length = chains.Sum(l => PolylineChains.Length(mesh.Vertices, l));
            polylines = new PolylineReport(chains.Count, closed, chains.Count - closed, length);
        }
        return new FileReport(path, format.ToString().ToUpperInvariant(), mesh.VertexCount, mesh.HasNormals, mesh.HasColors, mesh.TriangleCount,
            polylines?.Count ?? 0, bounds, topology, polylines);
    }

    static void WriteTable(TextWriter o, FileReport r)
    {
        static string V(double[] v) => string.Join("  ", v.Select(x => x.ToString("G6", CultureInfo.InvariantCulture)));
        o.WriteLine($"file          {r.File}");
        o.WriteLine($"format        {r.Format}");
        o.WriteLine($"vertices      {r.Vertices}");
        o.WriteLine($"normals       {(r.Normals ? "yes" : "no")}");
        o.WriteLine($"colours       {(r.Colors ? "yes" : "no")}");
        o.WriteLine($"triangles     {r.Triangles}");
        o.WriteLine($"polylines     {r.Polylines}");
        if (r.Bounds is { } b)
        {
            o.WriteLine($"bounds min    {V(b.Min)}");
            o.WriteLine($"bounds max    {V(b.Max)}");
            o.WriteLine($"size          {V(b.Size)}   (diagonal {b.Diagonal.ToString("G6", CultureInfo.InvariantCulture)})");
        }
        if (r.Topology is { } t)
        {
            o.WriteLine($"edges         {t.Edges}");
            o.WriteLine($"boundary      {t.BoundaryEdges} edges");
            o.WriteLine($"non-manifold  {t.NonManifoldEdges} edges");
            o.WriteLine($"components    {t.Components}");
            if (t.DegenerateTriangles > 0) o.WriteLine($"degenerate    {t.DegenerateTriangles} triangles");
            o.WriteLine($"closed        {(t.Watertight ? "yes (every edge in exactly two triangles)" : "no")}");
            if (t.Genus is { } g) o.WriteLine($"genus         {g} (handles over all components; Euler characteristic {t.EulerCharacteristic})");
        }
        if (r.PolylineSummary is { } p)
            o.WriteLine($"curves        {p.Count} polylines: {p.Closed} closed, {p.Open} open, total length {p.TotalLength.ToString("G6", CultureInfo.InvariantCulture)}");
    }
}
