using System.Diagnostics;
using System.Globalization;
using Nlset.Geometry;
using Nlset.Geometry.Randomness;
using Nlset.Geometry.Spatial;

namespace Nlset.Benchmarks;

/// <summary>
/// k-d tree build and query times on uniform random points, side by side with scipy's cKDTree on
/// the same points (written to .npy and timed by /usr/bin/python3 when scipy is importable).
/// </summary>
public sealed class KdTreeBenchmark : IBenchmark
{
    public string Name => "kdtree";
    public string Description => "k-d tree build/query vs scipy cKDTree: [--points 1000000] [--queries 100000] [--repeats 5] [--seed 0] [--python /usr/bin/python3] [--no-scipy]";

    const string ScipyScript = """
        import sys, time, numpy as np
        from scipy.spatial import cKDTree
        points = np.load(sys.argv[1]); queries = np.load(sys.argv[2]); repeats = int(sys.argv[3])
        def best(f):
            times = []
            for _ in range(repeats):
                t = time.perf_counter(); f(); times.append(time.perf_counter() - t)
            return min(times)
        print("build", best(lambda: cKDTree(points)))
        tree = cKDTree(points)
        for k in (1, 8):
            for p in (2, 1):
                print(f"query k={k} p={p}", best(lambda: tree.query(queries, k=k, p=p, workers=-1)))
        """;

    public int Run(string[] args)
    {
        int pointCount = IntOption(args, "--points", 1_000_000);
        int queryCount = IntOption(args, "--queries", 100_000);
        int repeats = IntOption(args, "--repeats", 5);
        int seed = IntOption(args, "--seed", 0);
        string python = StringOption(args, "--python", "/usr/bin/python3");
        bool withScipy = !args.Contains("--no-scipy");

        var root = new SeededRandom(seed);
        var points = UniformCube(pointCount, root.Stream(0));
        var queries = UniformCube(queryCount, root.Stream(1));
        Console.WriteLine($"{pointCount:N0} uniform points in [0,1)^3, {queryCount:N0} queries, best of {repeats}, {Environment.ProcessorCount} cores (shared machine)");

        KdTree tree = null!;
        var ours = new Dictionary<string, double> { ["build"] = Best(repeats, () => tree = new KdTree(points)) };
        foreach (int k in new[] { 1, 8 })
        {
            foreach (var norm in new[] { DistanceNorm.Euclidean, DistanceNorm.Manhattan })
            {
                var indices = new int[queryCount * k];
                var distances = new double[queryCount * k];
                ours[$"query k={k} p={(norm == DistanceNorm.Euclidean ? 2 : 1)}"] = Best(repeats, () =>
                {
                    if (k == 1) tree.Nearest(queries, indices, distances, norm);
                    else tree.KNearest(queries, k, indices, distances, norm);
                });
                CheckAgainstBruteForce(points, queries, k, norm, distances);
            }
        }

        var scipy = withScipy ? RunScipy(python, points, queries, repeats) : null;
        Console.WriteLine();
        Console.WriteLine($"{"operation",-16} {"nlset (s)",10} {"scipy (s)",10} {"ratio",7}");
        foreach (var (name, seconds) in ours)
        {
            string theirs = scipy != null && scipy.TryGetValue(name, out double s) ? s.ToString("F3", CultureInfo.InvariantCulture) : "-";
            string ratio = scipy != null && scipy.TryGetValue(name, out double s2) ? (seconds / s2).ToString("F2", CultureInfo.InvariantCulture) : "-";
            Console.WriteLine($"{name,-16} {seconds.ToString("F3", CultureInfo.InvariantCulture),10} {theirs,10} {ratio,7}");
        }
        return 0;
    }

    static Vector3d[] UniformCube(int count, SeededRandom random)
    {
        var points = new Vector3d[count];
        for (int i = 0; i < count; i++) points[i] = new Vector3d(random.NextDouble(), random.NextDouble(), random.NextDouble());
        return points;
    }

    static double Best(int repeats, Action action)
    {
        double best = double.PositiveInfinity;
        for (int r = 0; r < repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return best;
    }

    /// <summary>A timing of wrong answers is worthless: the first queries' k-th distances must match a linear scan.</summary>
    static void CheckAgainstBruteForce(Vector3d[] points, Vector3d[] queries, int k, DistanceNorm norm, double[] distances)
    {
        var all = new double[points.Length];
        for (int i = 0; i < 20; i++)
        {
            for (int j = 0; j < points.Length; j++)
            {
                var d = points[j] - queries[i];
                all[j] = norm == DistanceNorm.Euclidean ? d.Length : d.ManhattanLength;
            }
            Array.Sort(all);
            if (all[k - 1] != distances[i * k + k - 1])
                throw new InvalidOperationException($"query {i}: k-d tree {distances[i * k + k - 1]} vs linear scan {all[k - 1]}");
        }
    }

    static Dictionary<string, double>? RunScipy(string python, Vector3d[] points, Vector3d[] queries, int repeats)
    {
        string dir = Path.Combine(Path.GetTempPath(), "nlset-kdtree-benchmark");
        Directory.CreateDirectory(dir);
        string pointsFile = Path.Combine(dir, "points.npy"), queriesFile = Path.Combine(dir, "queries.npy"), script = Path.Combine(dir, "scipy_kdtree.py");
        NpyFile.WritePoints(pointsFile, points);
        NpyFile.WritePoints(queriesFile, queries);
        File.WriteAllText(script, ScipyScript);
        var start = new ProcessStartInfo(python, [script, pointsFile, queriesFile, repeats.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            using var process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.WriteLine($"scipy reference failed ({python}): {error.Trim()}");
                return null;
            }
            Console.WriteLine($"scipy reference: {python} {script} (data in {dir})");
            var result = new Dictionary<string, double>();
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                int cut = line.LastIndexOf(' ');
                result[line[..cut]] = double.Parse(line[(cut + 1)..], CultureInfo.InvariantCulture);
            }
            return result;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.WriteLine($"scipy reference not run: {python}: {e.Message}");
            return null;
        }
    }

    internal static int IntOption(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    internal static string StringOption(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
