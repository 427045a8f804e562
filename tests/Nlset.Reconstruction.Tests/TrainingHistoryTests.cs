using Nlset.Reconstruction;

namespace Nlset.Reconstruction.Tests;

public class TrainingHistoryTests
{
    [Fact]
    public void RecordsEveryStepWithTheDataTermWeightedByLambda()
    {
        var history = new TrainingHistory(lambda: 3);
        history.Report(new TrainingProgress(1, 2, 0.5, Loss: 0.7, DistanceTerm: 0.1, DataTerm: 0.2, Converged: 0.9, LearningRate: 1e-3, TimeSpan.Zero));
        history.Report(new TrainingProgress(2, 2, 1.0, Loss: 0.4, DistanceTerm: 0.1, DataTerm: 0.1, Converged: 1.0, LearningRate: 1e-4, TimeSpan.Zero));
        Assert.Equal(2, history.Count);
        Assert.Equal([1.0, 2.0], history.Iterations);
        Assert.Equal([0.7, 0.4], history.Loss);
        Assert.Equal(0.6, history.WeightedDataTerm[0], 12);
        Assert.Equal(0.3, history.WeightedDataTerm[1], 12);
        // Eq. 13: the total is the distance term plus λ times the data term.
        for (int i = 0; i < history.Count; i++) Assert.Equal(history.Loss[i], history.DistanceTerm[i] + history.WeightedDataTerm[i], 12);
        Assert.Equal([1e-3, 1e-4], history.LearningRate);
    }
}
