using System.Text.Json.Nodes;
using Nlset.Geometry;
using Nlset.Geometry.Randomness;
using Nlset.Geometry.Shapes;

namespace Nlset.Reconstruction.Tests;

public class SurfaceRefinementTests
{
    static DenoisingDecision Decision(double roughness, int neighbours = 0) => new(new PointCloudNoise(0.001, 0.01, roughness), neighbours, true);

    [Fact]
    public void AutoRefinesCleanCloudsOnly()
    {
        Assert.True(SurfaceRefinement.Applies(MeshRefinement.Auto, Decision(0.02)));
        Assert.False(SurfaceRefinement.Applies(MeshRefinement.Auto, Decision(InputDenoising.NoisyRoughness)));
        Assert.False(SurfaceRefinement.Applies(MeshRefinement.Auto, Decision(0.02, neighbours: 16)));   // denoised: the points were moved
        Assert.False(SurfaceRefinement.Applies(MeshRefinement.Auto, new DenoisingDecision(null, 0, true)));   // too few points to tell
        Assert.True(SurfaceRefinement.Applies(MeshRefinement.On, Decision(0.5)));
        Assert.False(SurfaceRefinement.Applies(MeshRefinement.Off, Decision(0.02)));
    }

    [Theory]
    [InlineData(1.0, 0, 0, 0)]
    [InlineData(250.0, 1000, -20, 3)]   // survey-like units: the pass works in the network's units and maps back
    public void AMeshNearASphereCloudLandsOnTheSphere(double scale, double x, double y, double z)
    {
        const double radius = 0.3;
        var random = new SeededRandom(7);
        var center = new Vector3d(x, y, z);
        var cloud = Enumerable.Range(0, 40_000).Select(_ =>
            new Vector3d(random.NextGaussian(0, 1), random.NextGaussian(0, 1), random.NextGaussian(0, 1)).Normalized() * (radius * scale) + center).ToArray();
        var normalization = Normalization.FitUnitBox(cloud);
        var prepared = new PreparedCloud(normalization.ApplyAll(cloud));
        // An icosphere a little outside the data: 0.4 point spacings (in input units) off the sphere.
        double offset = 0.4 * prepared.Spacing / normalization.Scale;
        var mesh = Icosphere.Create(4, radius * scale + offset, center);
        var (refined, outcome) = SurfaceRefinement.Apply(mesh, prepared, normalization);
        Assert.True(outcome.Applied);
        Assert.Equal(mesh.VertexCount, outcome.Moved);
        Assert.Equal(mesh.Triangles, refined.Triangles);
        double after = refined.Vertices.Average(v => Math.Abs((v - center).Length - radius * scale));
        Assert.True(after < offset / 20, $"mean distance to the sphere {after:G3} after, {offset:G3} before");
        Assert.Equal(0.4 * prepared.Spacing, outcome.MeanStep, 0.05 * prepared.Spacing);
    }

    [Fact]
    public void TheSettingIsSavedAndOldModelsKeepTheirMeshing()
    {
        var settings = new ReconstructionSettings { Refinement = MeshRefinement.On };
        Assert.Equal(MeshRefinement.On, ReconstructionSettingsJson.FromJson(settings.ToJson()).Refinement);
        var old = settings.ToJson();
        old.Remove("refinement");
        Assert.Equal(MeshRefinement.Off, ReconstructionSettingsJson.FromJson(old).Refinement);
        Assert.Equal(MeshRefinement.Auto, new ReconstructionSettings().Refinement);
        Assert.Equal(MeshRefinement.Auto, new ReconstructionRequest { Input = "a.ply", Output = "a.recon.ply" }.Settings().Refinement);
    }

    [Fact]
    public void ACleanCloudTrainsFewerStepsUnlessAStepCountOrABudgetIsGiven()
    {
        var clean = Decision(0.02);
        var noisy = Decision(0.3, neighbours: 16);
        var byDefault = new ReconstructionRequest { Input = "a.ply", Output = "a.recon.ply" }.Settings();
        Assert.Equal(ReconstructionSettings.DefaultIterationsOnCleanData, byDefault.ForCloud(clean).Iterations);
        Assert.Equal(new ReconstructionSettings().Iterations, byDefault.ForCloud(noisy).Iterations);
        Assert.Null(byDefault.ForCloud(clean).IterationsOnCleanData);                       // resolved once: saved settings do not change again
        Assert.Equal(new ReconstructionSettings().Iterations, (byDefault with { Refinement = MeshRefinement.Off }).ForCloud(clean).Iterations);
        var given = new ReconstructionRequest { Input = "a.ply", Output = "a.recon.ply", Iterations = 4000 }.Settings();
        Assert.Equal(4000, given.ForCloud(clean).Iterations);
        var budget = new ReconstructionRequest { Input = "a.ply", Output = "a.recon.ply", TimeBudget = TimeSpan.FromMinutes(2) }.Settings();
        Assert.Null(budget.IterationsOnCleanData);
        // Built directly (tests, benchmarks), settings mean exactly their step count.
        Assert.Equal(200, new ReconstructionSettings { Iterations = 200 }.ForCloud(clean).Iterations);
    }
}
