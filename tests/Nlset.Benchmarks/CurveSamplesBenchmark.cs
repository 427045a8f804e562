using System.Globalization;
using Nlset.Geometry;
using Nlset.Geometry.IO;

namespace Nlset.Benchmarks;

/// <summary>
/// Writes the curve clouds of data-samples/ (not a timing: the reproducible command that made those files).
/// <code>curve-samples [--out data-samples]</code>
/// </summary>
public sealed class CurveSamplesBenchmark : IBenchmark
{
    public string Name => "curve-samples";
    public string Description => "write data-samples/{trefoil,helix,trefoil-gap}.xyz (seeded noisy curve samples)";

    /// <summary>The files written: 1 % noise; the partial trefoil has 80 % of the full one's points, the same density.</summary>
    static readonly string[] Files = ["trefoil", "helix", "trefoil-gap"];
    public const double Noise = 0.01;

    public int Run(string[] args)
    {
        var dir = Options.Parse(args).String("out", "data-samples");
        Directory.CreateDirectory(dir);
        foreach (var name in Files)
        {
            var (points, seed) = CurveSampleSets.DefaultsOf(name);
            var sample = CurveSampleSets.Make(name, points, Noise, seed);
            var cloud = Mesh.PointCloud(sample.Cloud);
            cloud.Comments.Add(FormattableString.Invariant(
                $"nlset curve sample '{name}': {points} points uniform by length, seed {seed}, Gaussian noise sigma {sample.NoiseSigma:R} per coordinate ({Noise:P0} of the true curve's largest side)"));
            cloud.Comments.Add("made by: dotnet run -c Release --project tests/Nlset.Benchmarks -- curve-samples");
            var path = Path.Combine(dir, name + ".xyz");
            GeometryFiles.Write(path, cloud);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {points} points, σ {sample.NoiseSigma:G4}, {new FileInfo(path).Length / 1024.0:F0} KB"));
        }
        return 0;
    }
}
