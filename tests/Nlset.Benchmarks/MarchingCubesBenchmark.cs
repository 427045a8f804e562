using System.Diagnostics;
using System.Globalization;
using Nlset.Geometry;
using Nlset.Geometry.Meshing;

namespace Nlset.Benchmarks;

/// <summary>
/// Marching cubes speed on an analytic sphere: dense on a precomputed grid and including field evaluation, against
/// scikit-image on the same volume, and sparse against dense (field evaluations and time) at larger resolutions.
/// </summary>
public sealed class MarchingCubesBenchmark : IBenchmark
{
    public string Name => "marching-cubes";
    public string Description => "dense/sparse marching cubes on a sphere; vs skimage (args: --resolution N --sparse N,N --block B --repeat K --no-skimage)";

    static readonly BoundingBox Box = new(new Vector3d(-1, -1, -1), new Vector3d(1, 1, 1));
    static readonly ScalarField Sphere = AnalyticFields.Sphere(new Vector3d(0.013, -0.021, 0.007), 0.7);

    public int Run(string[] args)
    {
        int resolution = 256, repeat = 3, block = 8;
        int[] sparseResolutions = [256, 512];
        bool skimage = true;
        for (int a = 0; a < args.Length; a++)
        {
            switch (args[a])
            {
                case "--resolution": resolution = int.Parse(args[++a], CultureInfo.InvariantCulture); break;
                case "--repeat": repeat = int.Parse(args[++a], CultureInfo.InvariantCulture); break;
                case "--sparse": sparseResolutions = args[++a].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--block": block = int.Parse(args[++a], CultureInfo.InvariantCulture); break;
                case "--no-skimage": skimage = false; break;
                default: Console.Error.WriteLine($"unknown argument {args[a]}"); return 2;
            }
        }
        Console.WriteLine($"marching cubes on a sphere (r = 0.7 in [-1, 1]³), best of {repeat}, {Environment.ProcessorCount} cores");

        var grid = SampleGrid.Covering(Box, resolution);
        double[] values = [];
        double sampling = Best(repeat, () => values = grid.Evaluate(Sphere, 1 << 20));
        MarchingCubesResult? pre = null;
        var (precomputed, precomputedCpu) = BestWithCpu(repeat, () => pre = MarchingCubes.Extract(grid, values));
        var (precomputedOneThread, precomputedOneThreadCpu) = BestWithCpu(repeat, () => MarchingCubes.Extract(grid, values, 0, 1));
        MarchingCubesResult? total = null;
        double withField = Best(repeat, () => total = MarchingCubes.Extract(Sphere, Box, new MarchingCubesOptions { Resolution = resolution }));
        double withFieldBigBatch = Best(repeat, () => MarchingCubes.Extract(Sphere, Box, new MarchingCubesOptions { Resolution = resolution, MaxBatch = 1 << 20 }));
        Console.WriteLine($"dense {resolution}³: {pre!.Mesh.VertexCount} vertices, {pre.Mesh.TriangleCount} triangles, watertight {MeshTopology.Of(pre.Mesh).IsWatertight}");
        Console.WriteLine($"  precomputed grid, all cores          {precomputed,9:F1} ms   (cpu {precomputedCpu:F0} ms)");
        Console.WriteLine($"  precomputed grid, one thread         {precomputedOneThread,9:F1} ms   (cpu {precomputedOneThreadCpu:F0} ms)");
        Console.WriteLine($"  sampling the grid alone              {sampling,9:F1} ms");
        Console.WriteLine($"  with field, MaxBatch 64K (total)     {withField,9:F1} ms   (field {total!.Statistics.EvaluationTime.TotalMilliseconds:F1} ms, {total.Statistics.FieldCalls} calls)");
        Console.WriteLine($"  with field, MaxBatch 1M (total)      {withFieldBigBatch,9:F1} ms");

        if (skimage)
        {
            var ski = SkimageTime(grid, values, repeat);
            Console.WriteLine(ski == null
                ? "  skimage.measure.marching_cubes        unavailable (/usr/bin/python3 with python3-skimage needed)"
                : $"  skimage.measure.marching_cubes       {ski.Value.Ms,9:F1} ms   ({ski.Value.Faces} triangles, skimage {ski.Value.Version}, same float64 volume)");
        }

        Console.WriteLine();
        Console.WriteLine($"sparse vs dense (field evaluations and time with the analytic field, CoarseBlock {block}):");
        Console.WriteLine($"  {"N",5} {"dense evals",13} {"sparse evals",13} {"ratio",7} {"dense ms",9} {"sparse ms",9} {"blocks",14} {"same mesh",9}");
        foreach (int n in sparseResolutions)
        {
            MarchingCubesResult? dense = null, sparse = null;
            double denseMs = Best(Math.Min(repeat, n > 256 ? 2 : repeat), () => dense = MarchingCubes.Extract(Sphere, Box, new MarchingCubesOptions { Resolution = n }));
            double sparseMs = Best(repeat, () => sparse = MarchingCubes.Extract(Sphere, Box, new MarchingCubesOptions { Resolution = n, Sparse = true, CoarseBlock = block }));
            bool same = dense!.Mesh.VertexCount == sparse!.Mesh.VertexCount && dense.Mesh.TriangleCount == sparse.Mesh.TriangleCount
                        && SameTriangles(dense.Mesh, sparse.Mesh);
            var d = dense.Statistics;
            var s = sparse.Statistics;
            Console.WriteLine($"  {n,5} {d.FieldEvaluations,13:N0} {s.FieldEvaluations,13:N0} {(double)d.FieldEvaluations / s.FieldEvaluations,6:F1}x {denseMs,9:F0} {sparseMs,9:F0} {s.ActiveBlocks,6}/{s.TotalBlocks,-7} {same,9}");
        }
        return 0;
    }

    static double Best(int repeat, Action action) => BestWithCpu(repeat, action).Wall;

    /// <summary>Best wall time of <paramref name="repeat"/> runs, and the process CPU time of that run (all threads):
    /// on a shared machine the CPU time shows the work done even when other jobs hold the cores.</summary>
    static (double Wall, double Cpu) BestWithCpu(int repeat, Action action)
    {
        var best = (Wall: double.MaxValue, Cpu: 0.0);
        using var process = Process.GetCurrentProcess();
        for (int r = 0; r < repeat; r++)
        {
            GC.Collect();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            action();
            double wall = clock.Elapsed.TotalMilliseconds;
            process.Refresh();
            if (wall < best.Wall) best = (wall, (process.TotalProcessorTime - cpu).TotalMilliseconds);
        }
        return best;
    }

    /// <summary>Same triangles as corner-coordinate triples (rotated to a canonical start), ignoring vertex numbering.</summary>
    static bool SameTriangles(Mesh a, Mesh b)
    {
        static HashSet<(Vector3d, Vector3d, Vector3d)> Set(Mesh m)
        {
            var set = new HashSet<(Vector3d, Vector3d, Vector3d)>();
            for (int t = 0; t < m.TriangleCount; t++)
            {
                var (i, j, k) = m.Triangle(t);
                var (p, q, r) = (m.Vertices[i], m.Vertices[j], m.Vertices[k]);
                // Rotate so the lexicographically smallest corner is first.
                static bool Less(Vector3d u, Vector3d v) => u.X < v.X || (u.X == v.X && (u.Y < v.Y || (u.Y == v.Y && u.Z < v.Z)));
                if (Less(q, p) && !Less(r, q)) (p, q, r) = (q, r, p);
                else if (Less(r, p) && Less(r, q)) (p, q, r) = (r, p, q);
                set.Add((p, q, r));
            }
            return set;
        }
        return Set(a).SetEquals(Set(b));
    }

    const string SkimageScript = """
        import sys, time
        import numpy as np
        from skimage import measure
        import skimage
        path, nx, ny, nz, repeat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
        volume = np.fromfile(path, dtype=np.float64).reshape(nz, ny, nx)
        best, faces = float("inf"), 0
        for _ in range(repeat):
            start = time.perf_counter()
            verts, faces_, normals, values = measure.marching_cubes(volume, level=0.0)
            best = min(best, time.perf_counter() - start)
            faces = len(faces_)
        print(f"{best * 1000:.3f} {faces} {skimage.__version__}")
        """;

    static (double Ms, int Faces, string Version)? SkimageTime(SampleGrid grid, double[] values, int repeat)
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python)) return null;
        string volume = Path.GetTempFileName(), script = Path.GetTempFileName() + ".py";
        try
        {
            using (var file = File.Create(volume))
                file.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
            File.WriteAllText(script, SkimageScript);
            var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { script, volume, grid.CountX.ToString(CultureInfo.InvariantCulture), grid.CountY.ToString(CultureInfo.InvariantCulture), grid.CountZ.ToString(CultureInfo.InvariantCulture), repeat.ToString(CultureInfo.InvariantCulture) })
                start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"skimage run failed: {error.Trim()}");
                return null;
            }
            var parts = output.Trim().Split(' ');
            return (double.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]);
        }
        finally
        {
            File.Delete(volume);
            File.Delete(script);
        }
    }
}
