using System.Diagnostics;
using System.Globalization;
using Nlset.Geometry;
using Nlset.Geometry.IO;

namespace Nlset.Benchmarks;

/// <summary>
/// Write and read times of every geometry format on seeded random data (default 1M points), with the
/// speed targets: a 1M-vertex binary PLY reads in under 0.5 s, a 1M-point ascii PLY and XYZ in under 2 s.
/// Files go to a temporary directory that is deleted afterwards. Each time is the best of --repeats runs.
/// </summary>
public sealed class FormatsBenchmark : IBenchmark
{
    public string Name => "formats";
    public string Description => "geometry file write/read times (--points 1000000 --repeats 3)";

    sealed record Case(string Label, string Extension, Mesh Mesh, PlyEncoding Encoding, double? TargetSeconds);

    public int Run(string[] args)
    {
        int points = IntOption(args, "--points", 1_000_000);
        int repeats = IntOption(args, "--repeats", 3);

        var random = new Random(20191208);
        // Scanner-like data: float32 coordinates (what PLY scans hold) and unit normals.
        var floatPoints = new Vector3d[points];
        var normals = new Vector3d[points];
        var doublePoints = new Vector3d[points];
        for (int i = 0; i < points; i++)
        {
            floatPoints[i] = new Vector3d((float)random.NextDouble(), (float)random.NextDouble(), (float)random.NextDouble());
            normals[i] = new Vector3d((float)(random.NextDouble() - 0.5), (float)(random.NextDouble() - 0.5), (float)(random.NextDouble() - 0.5));
            doublePoints[i] = new Vector3d(random.NextDouble(), random.NextDouble(), random.NextDouble());
        }
        var triangles = new int[6 * points];
        for (int i = 0; i < triangles.Length; i++) triangles[i] = random.Next(points);

        var cloud = Mesh.PointCloud(floatPoints);
        var oriented = Mesh.PointCloud(floatPoints, normals);
        var mesh = new Mesh(floatPoints, null, triangles);
        var doubles = Mesh.PointCloud(doublePoints);
        string n = points >= 1_000_000 && points % 1_000_000 == 0 ? $"{points / 1_000_000}M" : points.ToString(CultureInfo.InvariantCulture);
        bool full = points == 1_000_000;
        Case[] cases =
        [
            new($"PLY binary LE, {n} points + normals", ".ply", oriented, PlyEncoding.BinaryLittleEndian, full ? 0.5 : null),
            new($"PLY binary LE, {n} points", ".ply", cloud, PlyEncoding.BinaryLittleEndian, full ? 0.5 : null),
            new($"PLY binary BE, {n} points + normals", ".ply", oriented, PlyEncoding.BinaryBigEndian, full ? 0.5 : null),
            new($"PLY binary LE, {n} vertices + {2 * points / 1000}k triangles", ".ply", mesh, PlyEncoding.BinaryLittleEndian, full ? 0.5 : null),
            new($"PLY binary LE, {n} points (double)", ".ply", doubles, PlyEncoding.BinaryLittleEndian, full ? 0.5 : null),
            new($"PLY ascii, {n} points", ".ply", cloud, PlyEncoding.Ascii, full ? 2 : null),
            new($"PLY ascii, {n} points + normals", ".ply", oriented, PlyEncoding.Ascii, null),
            // Text holds each value's shortest exact double form: up to 17 digits, longer than typical scanner output.
            new($"XYZ, {n} points", ".xyz", doubles, PlyEncoding.Ascii, full ? 2 : null),
            new($"XYZ, {n} points + normals", ".xyz", oriented, PlyEncoding.Ascii, null),
            new($"OBJ, {n} vertices + {2 * points / 1000}k triangles", ".obj", mesh, PlyEncoding.Ascii, null),
            new($"OFF, {n} vertices + {2 * points / 1000}k triangles", ".off", mesh, PlyEncoding.Ascii, null),
        ];

        string directory = Path.Combine(Path.GetTempPath(), "nlset-bench-formats-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        bool allMet = true;
        try
        {
            Console.WriteLine($"formats benchmark: {points} points, best of {repeats} runs, {Environment.ProcessorCount} cores");
            Console.WriteLine($"{"case",-48} {"size MB",8} {"write s",8} {"read s",8}  target");
            int index = 0;
            foreach (var c in cases)
            {
                string path = Path.Combine(directory, $"case{index++}{c.Extension}");
                var options = new GeometryWriteOptions(c.Encoding);
                double write = Best(repeats, () => GeometryFiles.Write(path, c.Mesh, options));
                Mesh? read = null;
                double readTime = Best(repeats, () => read = GeometryFiles.Read(path));
                if (read!.VertexCount != c.Mesh.VertexCount || read.TriangleCount != c.Mesh.TriangleCount)
                    throw new InvalidOperationException($"{c.Label}: read back {read.VertexCount} vertices, {read.TriangleCount} triangles");
                string verdict = "";
                if (c.TargetSeconds is { } target)
                {
                    bool met = readTime < target;
                    allMet &= met;
                    verdict = $"read < {target} s: {(met ? "met" : "MISSED")}";
                }
                double megabytes = new FileInfo(path).Length / 1e6;
                Console.WriteLine(FormattableString.Invariant($"{c.Label,-48} {megabytes,8:F1} {write,8:F3} {readTime,8:F3}  {verdict}"));
                File.Delete(path);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
        return allMet ? 0 : 1;
    }

    static double Best(int repeats, Action action)
    {
        double best = double.MaxValue;
        for (int r = 0; r < repeats; r++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var watch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return best;
    }

    static int IntOption(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        if (at < 0) return fallback;
        if (at + 1 >= args.Length || !int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < 1)
            throw new ArgumentException($"{name} needs a positive integer");
        return value;
    }
}
