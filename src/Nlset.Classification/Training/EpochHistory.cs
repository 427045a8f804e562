namespace Nlset.Classification.Training;

/// <summary>
/// A classifier's training curve, one entry per epoch: the mean step loss and the accuracy on its training subset and
/// on the test set. Plain numbers (no tensors kept), recorded only when plots are asked for: each entry costs one pass
/// over the training subset and the test set without a graph.
/// </summary>
public sealed class EpochHistory
{
    readonly List<double> _loss = [], _train = [], _test = [];

    public int Count => _loss.Count;
    public IReadOnlyList<double> Loss => _loss;
    public IReadOnlyList<double> TrainAccuracy => _train;
    public IReadOnlyList<double> TestAccuracy => _test;

    public void Add(double loss, double trainAccuracy, double testAccuracy)
    {
        _loss.Add(loss);
        _train.Add(trainAccuracy);
        _test.Add(testAccuracy);
    }
}
