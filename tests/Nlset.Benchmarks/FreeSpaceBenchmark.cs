using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Geometry.Spatial;
using Nlset.Reconstruction;

namespace Nlset.Benchmarks;

/// <summary>
/// What the free-space grid of a cloud looks like: its resolution, the share of cells certainly outside, and for a
/// with --centres the centres of the cells marked outside, to check against a closed mesh (none may lie inside it).
/// <code>free-space CLOUD [--centres OUT.xyz]</code>
/// </summary>
public sealed class FreeSpaceBenchmark : IBenchmark
{
    public string Name => "free-space";
    public string Description => "the free-space grid of a cloud: resolution, share of cells outside, their centres";

    public int Run(string[] args)
    {
        var options = Options.Parse(args);
        var cloud = GeometryFiles.Read(args[0]).Vertices;
        var normalization = Normalization.FitUnitBox(cloud);
        var normalised = cloud.Select(normalization.Apply).ToArray();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var prior = new FreeSpacePrior(normalised, TorchSharp.torch.CPU);
        var grid = prior.Grid;
        Console.WriteLine($"{Path.GetFileName(args[0])}: {cloud.Length} points, spacing {prior.Spacing:G3}, grid {grid.Resolution}³ (cell {grid.CellSize:G3}), " +
                          $"outside {grid.OutsideFraction:P1} of the cells, built in {clock.Elapsed.TotalMilliseconds:F0} ms");
        if (options.Has("centres"))
        {
            // The centres of the cells marked outside, in the cloud's own coordinates, to check against a closed mesh.
            var centres = new List<Vector3d>();
            var n = grid.Resolution;
            for (int k = 0; k < n; k++)
                for (int j = 0; j < n; j++)
                    for (int i = 0; i < n; i++)
                        if (grid.OutsideCells[(k * n + j) * n + i])
                            centres.Add(normalization.Invert(new Vector3d(-grid.HalfSize + (i + 0.5) * grid.CellSize,
                                -grid.HalfSize + (j + 0.5) * grid.CellSize, -grid.HalfSize + (k + 0.5) * grid.CellSize)));
            GeometryFiles.Write(options.String("centres", ""), new Mesh(centres.ToArray()));
        }
        return 0;
    }
}
