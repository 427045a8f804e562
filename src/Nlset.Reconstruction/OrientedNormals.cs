using System.Diagnostics;
using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Geometry.Spatial;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Reconstruction;

/// <summary>What <see cref="OrientedNormals.Compute"/> found: one unit outward normal per input point, in their order.</summary>
/// <param name="Normals">Unit vectors, outwards (from F &lt; 0 to F &gt; 0), in the input's coordinates.</param>
/// <param name="Filled">How many points' gradient was too small (or not finite) to give a direction: each took the
/// normal of its nearest point whose gradient did.</param>
/// <param name="OutsideBox">How many points lie outside the box the network was trained in ([−0.6, 0.6]³ after
/// normalisation): their normals are the network's extrapolation.</param>
/// <param name="FromGradient">How many points kept the gradient's direction because the plane of their neighbours
/// stood too steeply to it (<see cref="OrientedNormals.PlaneAgreement"/>): edges, thin parts, sparse spots.</param>
public sealed record OrientedNormalsResult(Vector3d[] Normals, int Filled, int OutsideBox, TimeSpan Elapsed, int FromGradient = 0)
{
    public int Count => Normals.Length;
    /// <summary>Share of the points that took a neighbour's normal, 0 … 1.</summary>
    public double FilledShare => Count == 0 ? 0 : (double)Filled / Count;

    /// <summary>What the commands' --json reports about the normals written to <paramref name="output"/>.</summary>
    public OrientedNormalsReport Report(string output) => new(output, Count, Filled, FilledShare, FromGradient, OutsideBox, Elapsed.TotalSeconds);
}

/// <summary>The --json record of oriented normals (camelCase in the CLI's JSON).</summary>
public sealed record OrientedNormalsReport(string Output, int Points, int FilledFromNeighbours, double FilledShare, int GradientDirections, int OutsideBox, double Seconds);

/// <summary>
/// Oriented normals of a point cloud from a trained surface network (not in the paper): the direction of the
/// least-squares plane of the point's <see cref="PlaneNeighbours"/> nearest input points (as PCA normal estimation
/// does), turned to the side ∇ₓF points to; where that plane stands steeper than <see cref="PlaneAgreement"/> to the
/// gradient (an edge, a thin part), or where the cloud is noisy (<see cref="PointCloudNoise"/>), the normal is ∇ₓF / ‖∇ₓF‖ itself. The network decides the orientation, which PCA
/// alone cannot; the plane gives the direction, which on a clean scan follows the data more closely than a smooth
/// network does (bunny, 100,000 points: mean angle to the true normals 6.4° for the gradient alone, see docs). F is negative inside and positive outside — the geometric initialisation starts it as ‖x‖ − r and the
/// free-space term keeps it ≥ 0 in open space — so the gradient points outwards, which is what screened Poisson
/// (PoissonRecon, Open3D, MeshLab) needs and what estimating normals from the cloud alone gets wrong on thin parts.
/// The points are taken as given, in their own coordinates (not denoised): one normal per point, in the same order.
/// A normalisation is a translation and a positive uniform scale, so ∇F in the network's units has the direction of
/// ∇F in the input's. DxF comes from the core's <see cref="LevelSetProjector"/> with 0 Newton steps (F and DxF, no
/// graph to θ), one chunk of points per dispose scope, so memory is bounded by the chunk, not by the cloud.
/// </summary>
public static class OrientedNormals
{
    /// <summary>
    /// A gradient shorter than this (in the network's units, where a trained F is close to a signed distance and
    /// ‖∇F‖ ≈ 1) gives no direction: it is where <see cref="JacobianPseudoInverse"/> clamps ‖∇F‖² (1e-6), i.e. where
    /// the projector itself stops trusting the gradient.
    /// </summary>
    public static readonly double MinGradientNorm = Math.Sqrt(JacobianPseudoInverse.EigenvalueFloor);

    /// <summary>Neighbours of the plane fit: Open3D's and PoissonRecon users' usual 30, so the directions compare like for like.</summary>
    public const int PlaneNeighbours = 30;

    /// <summary>
    /// |cos| between the plane's normal and the gradient below which the plane is not trusted (45.6°): a plane that steep
    /// to a trained F's gradient spans two sheets or an edge. On the clean bunny at 0.5 the plane oriented 1 of 100,000
    /// points wrong (as Open3D does); at 0.7, 0.8 and 0.9 none, with mean angles 4.133°, 4.136° and 4.135° (Open3D 4.132°).
    /// </summary>
    public const double PlaneAgreement = 0.7;

    /// <summary>The formats that hold per-point normals (PLY, OBJ 'vn', OFF as NOFF, XYZ columns); STL cannot.</summary>
    public static readonly string[] OutputExtensions = [".ply", ".obj", ".off", ".xyz", ".txt", ".pts", ".csv"];

    /// <summary>
    /// Refuses, before any work, an output that could not take oriented normals (its extension, a missing or read-only
    /// folder), or that is one of the inputs or another output of the same command.
    /// </summary>
    /// <param name="what">How messages name the output: "-o", "--normals-out".</param>
    /// <param name="inputs">Files the command reads (never written over).</param>
    /// <param name="otherOutputs">Other files the command writes, each with how messages name it ("-o", "--save-model"); null entries are skipped.</param>
    public static void CheckOutput(string path, string what, string[] inputs, params (string? Path, string What)[] otherOutputs)
    {
        OutputPath.Check(path, what, "a point cloud with normals", OutputExtensions);
        OutputPath.NotAnInput(path, force: null, inputs);
        var target = Path.GetFullPath(path);
        foreach (var (other, name) in otherOutputs)
            if (other != null && string.Equals(Path.GetFullPath(other), target, StringComparison.Ordinal))
                throw new InvalidInputException($"{what} {path}: is also the {name} output; give each its own file");
    }

    /// <summary>
    /// Computes the normals of <paramref name="points"/> and writes the points with them to <paramref name="path"/>
    /// (format by extension, atomically), in the points' order, with <paramref name="colors"/> where the format holds them.
    /// </summary>
    /// <param name="comments">Header comments (the source's, what was done).</param>
    public static OrientedNormalsResult Write(string path, ImplicitNetwork network, Normalization normalization, Vector3d[] points,
        VertexColor[]? colors = null, IEnumerable<string>? comments = null)
    {
        var result = Compute(network, normalization, points);
        var cloud = new Mesh(points, result.Normals, colors: colors) { Comments = [.. comments ?? []] };
        cloud.Comments.Add($"oriented normals: plane of the {PlaneNeighbours} nearest points turned outwards by the network's gradient ({result.FromGradient} of {result.Count} the unit gradient itself); {result.Filled} from the nearest neighbour (gradient too small)");
        GeometryFiles.Write(path, cloud);
        return result;
    }

    /// <summary>Points per batched evaluation of F and DxF (the projector's default chunk).</summary>
    public const int ChunkSize = 16384;

    /// <summary>Unit outward normals of <paramref name="points"/> (in the input's coordinates) from <paramref name="network"/>.</summary>
    /// <param name="network">A surface network (one output, three inputs), on any device.</param>
    /// <param name="normalization">Maps the input's coordinates to the network's (the model's, or the reconstruction's).</param>
    /// <exception cref="InvalidInputException">No points, a non-finite coordinate, or a gradient too small at every point.</exception>
    public static OrientedNormalsResult Compute(ImplicitNetwork network, Normalization normalization, ReadOnlySpan<Vector3d> points)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.Spec.Outputs != 1 || network.Spec.InputDim != 3)
            throw new ArgumentException($"oriented normals need a surface network (3 inputs, 1 output), got {network.Spec}", nameof(network));
        if (points.IsEmpty) throw new InvalidInputException("there are no points to give normals to");
        var clock = Stopwatch.StartNew();
        int n = points.Length;
        var normals = new Vector3d[n];
        var good = new bool[n];
        int outside = 0;
        var device = network.parameters().First().device;
        var projector = new LevelSetProjector(maxIterations: 0, chunkSize: ChunkSize);
        for (int start = 0; start < n; start += ChunkSize)
        {
            int length = Math.Min(ChunkSize, n - start);
            var flat = new float[3 * length];
            for (int i = 0; i < length; i++)
            {
                var p = points[start + i];
                if (!p.IsFinite) throw new InvalidInputException($"point {start + i} has a non-finite coordinate {p}");
                // In double first: coordinates with large offsets (survey units) would lose their detail in float32.
                var q = normalization.Apply(p);
                if (Math.Max(Math.Abs(q.X), Math.Max(Math.Abs(q.Y), Math.Abs(q.Z))) > ReconstructionSettings.BoxHalfSize) outside++;
                flat[3 * i] = (float)q.X;
                flat[3 * i + 1] = (float)q.Y;
                flat[3 * i + 2] = (float)q.Z;
            }
            using var scope = torch.NewDisposeScope();
            var chunk = torch.tensor(flat, [length, 3], device: device);
            var gradient = projector.Project(network.forward, chunk).Jacobian.reshape(length, 3).to(float64).cpu();
            var g = gradient.data<double>();
            for (int i = 0; i < length; i++)
            {
                var v = new Vector3d(g[3 * i], g[3 * i + 1], g[3 * i + 2]);
                double norm = v.Length;
                if (!double.IsFinite(norm) || norm < MinGradientNorm) continue;
                normals[start + i] = v / norm;
                good[start + i] = true;
            }
        }
        int filled = FillFromNeighbours(points, normals, good);
        int fromGradient = AlignWithNeighbourPlanes(points, normals);
        return new OrientedNormalsResult(normals, filled, outside, clock.Elapsed, fromGradient);
    }

    /// <summary>
    /// Replaces each gradient normal by the normal of its neighbours' least-squares plane, on the gradient's side,
    /// where the two agree within <see cref="PlaneAgreement"/>; returns how many kept the gradient.
    /// </summary>
    static int AlignWithNeighbourPlanes(ReadOnlySpan<Vector3d> points, Vector3d[] normals)
    {
        int n = points.Length;
        int k = Math.Min(PlaneNeighbours, n);
        if (k < 3) return n;
        var cloud = points.ToArray();
        var tree = new KdTree(cloud);
        // On a noisy cloud the neighbours' plane tilts with the noise, and the network (trained on denoised points) is
        // the smoother of the two: measured on the noisy bunny, the gradient alone was 7.45° from the truth with 5 of
        // 100,000 oriented wrong, the plane 7.57° with 14. So the plane is used where the cloud is clean only.
        var noise = n >= PointCloudNoise.DefaultNeighbours ? PointCloudNoise.Estimate(cloud, tree: tree) : null;
        if (noise is not { Roughness: < InputDenoising.NoisyRoughness }) return n;
        var indices = new int[n * k];
        tree.KNearest(cloud, k, indices, new double[n * k]);
        int kept = 0;
        Parallel.For(0, n, () => 0, (i, _, local) =>
        {
            var plane = NeighbourhoodPlane.Fit(cloud, indices.AsSpan(i * k, k));
            double cos = Vector3d.Dot(plane.Normal, normals[i]);
            if (!double.IsFinite(cos) || Math.Abs(cos) < PlaneAgreement) return local + 1;
            normals[i] = cos > 0 ? plane.Normal : -plane.Normal;
            return local;
        }, local => Interlocked.Add(ref kept, local));
        return kept;
    }

    /// <summary>Gives every point without a direction the normal of its nearest point with one; returns how many.</summary>
    static int FillFromNeighbours(ReadOnlySpan<Vector3d> points, Vector3d[] normals, bool[] good)
    {
        var withDirection = new List<int>(points.Length);
        for (int i = 0; i < points.Length; i++)
            if (good[i]) withDirection.Add(i);
        int missing = points.Length - withDirection.Count;
        if (missing == 0) return 0;
        if (withDirection.Count == 0)
            throw new InvalidInputException(
                $"the network's gradient is shorter than {MinGradientNorm:G3} (or not finite) at all {points.Length} points of the cloud: no normal has a direction");
        var donors = new Vector3d[withDirection.Count];
        for (int k = 0; k < donors.Length; k++) donors[k] = points[withDirection[k]];
        var tree = new KdTree(donors);
        var queries = new Vector3d[missing];
        var targets = new int[missing];
        for (int i = 0, m = 0; i < points.Length; i++)
            if (!good[i]) (queries[m], targets[m++]) = (points[i], i);
        var nearest = new int[missing];
        tree.Nearest(queries, nearest, new double[missing]);
        for (int m = 0; m < missing; m++) normals[targets[m]] = normals[withDirection[nearest[m]]];
        return missing;
    }
}
