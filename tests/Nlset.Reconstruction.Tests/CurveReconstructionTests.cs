using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.Curves;
using Nlset.Geometry.Metrics;
using Nlset.Geometry.Randomness;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;
using Nlset.Geometry.Spatial;

namespace Nlset.Reconstruction.Tests;

[Collection(SeededTrainingCollection.Name)]
public sealed class CurveReconstructionTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nlset-curve-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A tilted circle of radius 2 around (1, −1, 3), away from the origin so that normalisation matters.</summary>
    static readonly Mesh Circle = Tilted(ParametricCurves.Circle(2, segments: 720));

    static Mesh Tilted(Mesh curve)
    {
        double c = Math.Cos(0.5), s = Math.Sin(0.5);
        var v = curve.Vertices.Select(p => new Vector3d(p.X, c * p.Y - s * p.Z, s * p.Y + c * p.Z) + new Vector3d(1, -1, 3)).ToArray();
        return new Mesh(v, polylines: curve.Polylines);
    }

    /// <summary>A short run as `nlset reconstruct --curve` makes it (the library's job: the curve defaults, seeded, a new network).</summary>
    ReconstructionRequest Small(int iterations) => new()
    {
        Input = Path.Combine(_dir, "circle.xyz"),
        Output = Path.Combine(_dir, "circle.recon.obj"),
        Shape = ReconstructionShape.Curve,
        Network = NetworkSpec.Parse("3x64,out=2,r=0.4"),
        Iterations = iterations,
        BatchSize = 256,
        Seed = 3,
    };

    static readonly CurveExtractionSettings Coarse = new() { Resolution = 40 };

    /// <summary>The job's outcome and the job (its network; dispose it).</summary>
    static (CurveReconstructionOutcome Outcome, ReconstructionJob Job) Reconstruct(Vector3d[] cloud, ReconstructionRequest request,
        CurveExtractionSettings extraction)
    {
        var job = ReconstructionJob.Open(request, Mesh.PointCloud(cloud));
        return (job.RunCurve(extraction), job);
    }

    [Fact]
    public void ShortSeededRunReconstructsACircleAsOneClosedPolylineInTheInputsCoordinates()
    {
        var cloud = new SurfaceSampler(Circle).Sample(400, new SeededRandom(1), noiseSigma: 0.01).Points;
        var (outcome, job) = Reconstruct(cloud, Small(300), Coarse);
        using var _ = job;

        var chain = Assert.Single(outcome.Curve.Polylines);
        Assert.True(PolylineChains.IsClosed(chain));
        Assert.False(outcome.Curve.HasTriangles);
        // In the input's coordinates, on the radius-2 circle: Chamfer between dense samples of both, relative to its size.
        var extracted = new SurfaceSampler(outcome.Curve).Sample(4000, new SeededRandom(2)).Points;
        var truth = new SurfaceSampler(Circle).Sample(4000, new SeededRandom(3)).Points;
        var chamfer = ChamferDistance.Compute(extracted, truth, DistanceNorm.Euclidean);
        double diagonal = Circle.Bounds.Diagonal;
        Assert.True(chamfer.Sum < 0.02 * diagonal, $"Chamfer {chamfer.AToB} + {chamfer.BToA}, diagonal {diagonal}");
        Assert.Equal(4 * Math.PI, PolylineChains.Length(outcome.Curve.Vertices, chain), 0.05 * 4 * Math.PI);
        Assert.Equal(300, outcome.Training.Iterations);
        Assert.NotNull(outcome.Extraction.Snap);
        Assert.True(outcome.Extraction.Snap!.Snapped > 0.9 * outcome.Curve.VertexCount);
    }

    [Fact]
    public void AnOpenArcComesOutAsOneOpenPolylineThoughTheNetworksCurveIsClosed()
    {
        // Half of the tilted circle: the intersection of two closed surfaces is closed, so the network's curve returns
        // from one end of the arc to the other away from the data; judged by the data, only the arc is left.
        var arc = Tilted(ParametricCurves.WithGap(ParametricCurves.Circle(2, segments: 720), 0.5, 0.5));
        var cloud = new SurfaceSampler(arc).Sample(300, new SeededRandom(6), noiseSigma: 0.01).Points;
        var (outcome, job) = Reconstruct(cloud, Small(300), Coarse);
        using var _ = job;

        var raw = CurveExtractor.Extract(job.Network, outcome.Normalization, Coarse with { KeepAll = true }, []).Curve;
        Assert.All(raw.Polylines, line => Assert.True(PolylineChains.IsClosed(line)));
        var chain = Assert.Single(outcome.Curve.Polylines);
        Assert.False(PolylineChains.IsClosed(chain));
        var extracted = new SurfaceSampler(outcome.Curve).Sample(4000, new SeededRandom(2)).Points;
        var truth = new SurfaceSampler(arc).Sample(4000, new SeededRandom(3)).Points;
        var chamfer = ChamferDistance.Compute(extracted, truth, DistanceNorm.Euclidean);
        double diagonal = arc.Bounds.Diagonal;
        Assert.True(chamfer.Sum < 0.03 * diagonal, $"Chamfer {chamfer.AToB} + {chamfer.BToA}, diagonal {diagonal}");
        Assert.NotNull(outcome.Extraction.Assembly);
    }

    [Fact]
    public void SameSeedGivesBitIdenticalCurves()
    {
        var cloud = new SurfaceSampler(Circle).Sample(200, new SeededRandom(4), noiseSigma: 0.01).Points;
        var (a, na) = Reconstruct(cloud, Small(15), Coarse);
        var (b, nb) = Reconstruct(cloud, Small(15), Coarse);
        na.Dispose();
        nb.Dispose();
        Assert.True(a.Curve.VertexCount > 0);
        Assert.Equal(a.Curve.Vertices, b.Curve.Vertices);
        Assert.Equal(a.Curve.Polylines, b.Curve.Polylines);
    }

    [Fact]
    public void AnUntrainedNetworkGivesItsGreatCircle()
    {
        // Geometric initialisation: output 0 a sphere of radius r, output 1 a plane through the centre; their curve is a great circle.
        Seeding.Apply(11);
        using var network = new ImplicitNetwork(NetworkSpec.Parse("3x64,out=2,r=0.4"));
        var curve = CurveExtractor.Extract(network, Normalization.Identity, Coarse with { KeepAll = true }, []);
        var chain = Assert.Single(curve.Curve.Polylines);
        Assert.True(PolylineChains.IsClosed(chain));
        double meanRadius = chain.Skip(1).Average(i => curve.Curve.Vertices[i].Length);
        Assert.InRange(meanRadius, 0.3, 0.5);
        Assert.InRange(PolylineChains.Length(curve.Curve.Vertices, chain) / (2 * Math.PI * meanRadius), 0.95, 1.15);
    }

    [Fact]
    public void CurveModelFilesSayCurveAndExtractTheSame()
    {
        var cloud = new SurfaceSampler(Circle).Sample(200, new SeededRandom(5), noiseSigma: 0.01).Points;
        var (outcome, job) = Reconstruct(cloud, Small(10), Coarse);
        using var _ = job;
        var path = Path.Combine(_dir, "c.nlnet");
        ReconstructionModel.Save(path, job.Network, outcome.Normalization, "circle.xyz", job.Settings.ToJson());
        Assert.Contains("\"kind\":\"curve\"", File.ReadAllText(path.Replace("c.nlnet", "c.nlnet"), System.Text.Encoding.Latin1));

        var loaded = ReconstructionModel.Load(path);
        using var loadedNetwork = loaded.Network;
        Assert.Equal(2, loadedNetwork.Spec.Outputs);
        var normalised = cloud.Select(loaded.Normalization.Apply).ToArray();
        var again = CurveExtractor.Extract(loadedNetwork, loaded.Normalization, Coarse, normalised).Curve;
        Assert.Equal(outcome.Curve.Vertices, again.Vertices);
    }

    [Fact]
    public void ASurfaceNetworkIsNotACurve()
    {
        Seeding.Apply(1);
        using var surface = new ImplicitNetwork(NetworkSpec.Parse("2x16"));
        Assert.Throws<InvalidInputException>(() => CurveExtractor.Extract(surface, Normalization.Identity, Coarse, []));
        var cloud = Circle.Vertices;
        Assert.Throws<InvalidInputException>(() => CurveReconstruction.Run(cloud, Small(1).Settings(), Coarse, surface, Normalization.FitUnitBox(cloud)));
    }

    [Fact]
    public void TooFewPointsForACurveAreRefused() =>
        Assert.Contains("cannot describe a curve", Assert.Throws<InvalidInputException>(() =>
            SurfaceReconstruction.CloudOf(Mesh.PointCloud([new Vector3d(1, 2, 3), new Vector3d(2, 3, 4)]), "c.xyz", "curve")).Message);
}
