namespace Nlset.Classification.Demo2d;

/// <summary>
/// A trained demo: the toy set, how well it was fitted, and the network's values F on a regular grid over the
/// picture's window (row-major, row 0 at <see cref="YMin"/>), enough to draw S_0 and S_±1 with no network left.
/// </summary>
public sealed record Demo2dResult(
    Demo2dSettings Settings,
    ToyDataset Data,
    double TrainAccuracy,
    double FinalLoss,
    int Steps,
    TimeSpan Elapsed,
    double XMin, double XMax, double YMin, double YMax,
    int Columns, int Rows,
    double[] Field,
    /// <summary>F at each training point, in the order of <see cref="Data"/>.</summary>
    double[] FieldAtPoints);
