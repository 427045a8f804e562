using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using Nlset.Geometry.Randomness;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;

namespace Nlset.Reconstruction.Tests;

/// <summary>A saved model turned into geometry again (what `nlset extract` runs).</summary>
[Collection(SeededTrainingCollection.Name)]
public sealed class ModelExtractionTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nlset-model-extraction-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheSurfaceLevelIsADistanceInTheInputsUnits()
    {
        // One network under two normalisations: the level 0.1 (input units) lies about 0.1 outside the zero level set
        // under both; read in the network's units it would lie 0.1/scale outside (0.2 and 0.4 here).
        Seeding.Apply(2);
        using var network = new ImplicitNetwork(NetworkSpec.Parse("3x64,r=0.4"));
        var centre = new Vector3d(5, -2, 1);
        foreach (var scale in new[] { 0.5, 0.25 })
        {
            var model = new ReconstructionModel(network, new Normalization(centre, scale), null, null);
            double MeanRadius(double level) =>
                ModelExtraction.Surface(model, 48, level, SurfaceExtractor.DefaultMinComponentArea).Mesh.Vertices.Average(v => (v - centre).Length);
            double growth = MeanRadius(0.1) - MeanRadius(0);
            // Not 0.1 exactly: |∇F| of this initialised network is about 1.13 (measured growth 0.0878 at scale 0.5, 0.0892 at 0.25).
            Assert.InRange(growth, 0.075, 0.11);
        }
    }

    [Fact]
    public void ASurfaceIsRefinedAsItsReconstructionWasWhileItsCloudIsThere()
    {
        var sphere = Icosphere.Create(5, 0.8, new Vector3d(2, 0, -1));
        var cloud = new SurfaceSampler(sphere).Sample(3000, new SeededRandom(9)).Points;
        var cloudPath = Path.Combine(_dir, "sphere.xyz");
        GeometryFiles.Write(cloudPath, Mesh.PointCloud(cloud));
        var modelPath = Path.Combine(_dir, "s.nlnet");
        Mesh reconstructed;
        using (var job = ReconstructionJob.Open(new ReconstructionRequest
        {
            Input = cloudPath, Output = Path.Combine(_dir, "sphere.recon.ply"), SaveModel = modelPath,
            Network = NetworkSpec.Parse("3x64,r=0.4"), Iterations = 30, BatchSize = 256, Resolution = 32, Seed = 4,
        }, GeometryFiles.Read(cloudPath)))
        {
            var outcome = job.RunSurface();
            Assert.True(outcome.Refinement!.Applied);
            job.SaveModel(outcome.Normalization);
            reconstructed = outcome.Mesh;
        }
        var loaded = ReconstructionModel.Load(modelPath);
        using var network = loaded.Network;
        var extracted = ModelExtraction.Surface(loaded, 32, 0, SurfaceExtractor.DefaultMinComponentArea).Mesh;
        var refined = ModelExtraction.Refine(loaded, extracted, MeshRefinement.Auto);
        Assert.True(refined.Outcome.Applied);
        Assert.Equal(reconstructed.Vertices, refined.Mesh.Vertices);      // the same mesh as the reconstruction wrote
        Assert.False(ModelExtraction.Refine(loaded, extracted, MeshRefinement.Off).Outcome.Applied);

        File.Delete(cloudPath);
        var lost = ModelExtraction.Refine(loaded, extracted, MeshRefinement.Auto);
        Assert.Equal(cloudPath, lost.LostTrainingCloud);
        Assert.Same(extracted, lost.Mesh);
        Assert.Contains(cloudPath, Assert.Throws<InvalidInputException>(() => ModelExtraction.Refine(loaded, extracted, MeshRefinement.On)).Message);
    }

    [Fact]
    public void ACurveIsJudgedAgainstItsTrainingCloudOnlyWhileTheCloudIsThere()
    {
        var circle = ParametricCurves.Circle(2, new Vector3d(1, -1, 3), segments: 720);
        var cloud = new SurfaceSampler(circle).Sample(200, new SeededRandom(5), noiseSigma: 0.01).Points;
        var cloudPath = Path.Combine(_dir, "circle.xyz");
        GeometryFiles.Write(cloudPath, Mesh.PointCloud(cloud));
        var extraction = new CurveExtractionSettings { Resolution = 40 };
        using (var job = ReconstructionJob.Open(new ReconstructionRequest
        {
            Input = cloudPath, Output = Path.Combine(_dir, "circle.recon.obj"), SaveModel = Path.Combine(_dir, "c.nlnet"),
            Shape = ReconstructionShape.Curve, Network = NetworkSpec.Parse("3x64,out=2,r=0.4"), Iterations = 10, BatchSize = 256, Seed = 3,
        }, GeometryFiles.Read(cloudPath)))
        {
            var outcome = job.RunCurve(extraction);
            job.SaveModel(outcome.Normalization);

            var loaded = ReconstructionModel.Load(Path.Combine(_dir, "c.nlnet"));
            using var network = loaded.Network;
            var judged = ModelExtraction.Curve(loaded, extraction);
            Assert.Null(judged.LostTrainingCloud);
            Assert.NotNull(judged.Extraction.Assembly);
            Assert.Equal(outcome.Curve.Vertices, judged.Extraction.Curve.Vertices);

            File.Delete(cloudPath);
            var unjudged = ModelExtraction.Curve(loaded, extraction);
            Assert.Equal(cloudPath, unjudged.LostTrainingCloud);
            Assert.Null(unjudged.Extraction.Assembly);
        }
    }
}
