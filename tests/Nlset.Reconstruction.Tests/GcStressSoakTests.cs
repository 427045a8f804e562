using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;
using Nlset.Tests.Shared;

namespace Nlset.Reconstruction.Tests;

/// <summary>
/// Issue 13: a default reconstruction died at step 5,988 of 6,000 with "Unknown scalar type" — a TorchSharp Scalar
/// freed by the finalizer while libtorch read it. Under <see cref="GcStress"/> such a fault shows within milliseconds,
/// so these runs of every loop of the trainer (surface with the free-space term and weight averaging, explicit levels,
/// curve) must finish. The long version is the benchmark `gc-soak`.
/// </summary>
[Collection(SeededTrainingCollection.Name)]
public sealed class GcStressSoakTests
{
    static readonly Vector3d[] Sphere = Normalised(SurfaceSampler.SamplePointCloud(Icosphere.Create(3, radius: 1), 1500, seed: 4).Vertices);

    static Vector3d[] Normalised(Vector3d[] cloud)
    {
        var n = Normalization.FitUnitBox(cloud);
        return cloud.Select(n.Apply).ToArray();
    }

    [Theory]
    [InlineData("surface")]
    [InlineData("levels")]
    [InlineData("curve")]
    public void TrainingSurvivesCollectionsDuringEveryStep(string kind)
    {
        var settings = new ReconstructionSettings
        {
            Network = NetworkSpec.Parse(kind == "curve" ? "2x32,out=2" : "2x32,fourier=2"),
            Iterations = 400,
            BatchSize = 128,
            Seed = 1,
            Levels = kind == "levels" ? LevelSchedule.Parse("0,±0.02") : kind == "curve" ? LevelSchedule.Parse("0") : LevelSchedule.Continuous,
            FreeSpaceWeight = kind == "curve" ? 0 : new ReconstructionSettings().FreeSpaceWeight,
        };
        Seeding.Apply(settings.Seed);
        using var network = new ImplicitNetwork(settings.Network);
        using var stress = new GcStress();
        var result = new LevelSetTrainer(settings).Train(Sphere, network);
        Assert.Equal(400, result.Iterations);
        Assert.True(double.IsFinite(result.Loss));
        Assert.True(stress.Collections > 50, $"only {stress.Collections} collections ran");
    }
}
