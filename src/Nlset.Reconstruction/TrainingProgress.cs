namespace Nlset.Reconstruction;

/// <summary>One training step's figures, reported to the caller (the CLI draws them).</summary>
/// <param name="Fraction">Share of the run done, by iterations or by the time budget.</param>
/// <param name="DistanceTerm">First term of Eq. 13: mean | d(p(θ), X) − |c| |.</param>
/// <param name="DataTerm">Second term before λ: mean |F(x_j)|.</param>
/// <param name="Converged">Share of zero-level samples whose Newton projection converged.</param>
/// <param name="FreeSpaceTerm">The free-space term as it enters the loss (with its weight); 0 when it is off.</param>
public sealed record TrainingProgress(int Iteration, int? TotalIterations, double Fraction, double Loss,
    double DistanceTerm, double DataTerm, double Converged, double LearningRate, TimeSpan Elapsed, double FreeSpaceTerm = 0);
