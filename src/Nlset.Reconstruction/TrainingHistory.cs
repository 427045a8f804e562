namespace Nlset.Reconstruction;

/// <summary>
/// The figures of every training step kept for plotting (`reconstruct --plots`): plain growing arrays of doubles filled
/// from <see cref="TrainingProgress"/>, which already holds them as numbers, so recording holds no tensors and costs
/// nothing measurable per step.
/// </summary>
public sealed class TrainingHistory(double lambda) : IProgress<TrainingProgress>
{
    readonly List<double> _iterations = [], _loss = [], _distance = [], _weightedData = [], _freeSpace = [], _learningRate = [], _converged = [];

    /// <summary>λ of Eq. 13, to record the data term as it enters the loss.</summary>
    public double Lambda { get; } = lambda;
    public int Count => _iterations.Count;
    public IReadOnlyList<double> Iterations => _iterations;
    public IReadOnlyList<double> Loss => _loss;
    /// <summary>First term of Eq. 13.</summary>
    public IReadOnlyList<double> DistanceTerm => _distance;
    /// <summary>λ · mean |F(x_j)| (the second term of Eq. 13, with its weight).</summary>
    public IReadOnlyList<double> WeightedDataTerm => _weightedData;
    /// <summary>The free-space term with its weight (all 0 when it is off).</summary>
    public IReadOnlyList<double> WeightedFreeSpaceTerm => _freeSpace;
    public IReadOnlyList<double> LearningRate => _learningRate;
    public IReadOnlyList<double> Converged => _converged;

    public void Report(TrainingProgress value)
    {
        _iterations.Add(value.Iteration);
        _loss.Add(value.Loss);
        _distance.Add(value.DistanceTerm);
        _weightedData.Add(Lambda * value.DataTerm);
        _freeSpace.Add(value.FreeSpaceTerm);
        _learningRate.Add(value.LearningRate);
        _converged.Add(value.Converged);
    }
}
