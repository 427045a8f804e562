using System.Diagnostics;
using System.Globalization;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Geometry.Spatial;

namespace Nlset.Benchmarks;

/// <summary>
/// Moves a reconstructed mesh's vertices onto the moving-least-squares surface of its (clean) input cloud
/// (<see cref="MovingLeastSquaresProjection"/>) and writes the result, to score it with `nlset eval-chamfer` against
/// the reference: how much of a reconstruction's error on a clean scan the data itself can take away.
/// Usage: mls-refine MESH CLOUD OUT [--neighbours 20] [--bandwidth 2.5] [--iterations 2] [--max-step 3] [--agreement 0.7]
/// </summary>
public sealed class MovingLeastSquaresBenchmark : IBenchmark
{
    public string Name => "mls-refine";
    public string Description => "a mesh's vertices onto its clean cloud's MLS surface: MESH CLOUD OUT [--neighbours 20 --bandwidth 2.5 --iterations 2 --max-step 3 --agreement 0.7]";

    public int Run(string[] args)
    {
        if (args.Length < 3) { Console.Error.WriteLine("usage: mls-refine MESH CLOUD OUT [options]"); return 2; }
        var o = Options.Parse(args[3..]);
        var mesh = GeometryFiles.Read(args[0]);
        var cloud = GeometryFiles.Read(args[1]).Vertices;
        var clock = Stopwatch.StartNew();
        var tree = new KdTree(cloud);
        double spacing = PointSpacing.Median(cloud, tree);
        var settings = new MovingLeastSquaresProjection.Settings(o.Int("neighbours", 20), o.Double("bandwidth", 2.5), o.Int("iterations", 2),
            o.Double("max-step", 3), o.Double("agreement", 0.7));
        var result = MovingLeastSquaresProjection.Apply(mesh.Vertices, VertexNormals.OfVertices(mesh), cloud, tree, spacing, settings);
        var seconds = clock.Elapsed.TotalSeconds;
        GeometryFiles.Write(args[2], new Mesh(result.Points, triangles: mesh.Triangles));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{settings}: moved {result.Moved} of {mesh.VertexCount} vertices ({100.0 * result.Moved / mesh.VertexCount:F1} %), mean step {result.MeanStep / spacing:F3} spacings (spacing {spacing:G4}), {seconds:F1} s"));
        return 0;
    }
}
