using Nlset.Core;
using Nlset.Geometry;
using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Reconstruction;

/// <summary>What <see cref="CurveSnapping.Snap"/> did to each point set.</summary>
/// <param name="Snapped">Points moved onto the curve.</param>
/// <param name="Kept">Points left where they were: the projection did not converge, or it went farther than allowed.</param>
/// <param name="MeanResidualBefore">Mean ‖F‖₂ at the points before snapping.</param>
/// <param name="MeanResidualAfter">Mean ‖F‖₂ at the points afterwards.</param>
public sealed record SnapStatistics(int Snapped, int Kept, double MeanResidualBefore, double MeanResidualAfter);

/// <summary>
/// Moves points near the curve {F₁ = F₂ = 0} of a two-output field onto it with the generalized Newton projection of the
/// core (Eq. 4 with l = 2: p ← p − J^† F(p), J^† = Jᵀ(J Jᵀ)^{-1} the 2 × 3 Jacobian's pseudo-inverse), which moves each
/// point by the shortest step that zeroes the linearised F — across the curve, not along it. A point is moved only
/// when its projection converged within <paramref name="maxMove"/> of where it started: far jumps (where the two
/// gradients are nearly parallel and J Jᵀ is near-singular) would tear the polyline apart, so those points keep their
/// linearly interpolated position.
/// </summary>
public static class CurveSnapping
{
    /// <param name="field">Points [n, 3] → values [n, 2] (e.g. a curve network's forward).</param>
    /// <param name="points">Positions in the field's coordinates; snapped in place.</param>
    /// <param name="maxMove">Largest accepted move (e.g. a couple of grid spacings of the extraction).</param>
    /// <param name="dtype">The field's floating-point type (float32 for networks).</param>
    public static SnapStatistics Snap(Func<Tensor, Tensor> field, Vector3d[] points, double maxMove, Device device,
        ScalarType dtype = ScalarType.Float32, double tolerance = 1e-5, int maxIterations = 10)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(points);
        if (!(maxMove > 0)) throw new ArgumentOutOfRangeException(nameof(maxMove), maxMove, "must be positive");
        if (points.Length == 0) return new SnapStatistics(0, 0, 0, 0);
        using var scope = torch.NewDisposeScope();
        var flat = new double[points.Length * 3];
        for (int i = 0; i < points.Length; i++)
        {
            flat[3 * i] = points[i].X;
            flat[3 * i + 1] = points[i].Y;
            flat[3 * i + 2] = points[i].Z;
        }
        var start = torch.tensor(flat, [points.Length, 3], device: device).to_type(dtype);
        var projection = new LevelSetProjector(tolerance, maxIterations).Project(field, start, 0);
        if (projection.Outputs != 2) throw new ArgumentException($"the field has {projection.Outputs} outputs; a curve needs 2");
        var initial = ValuesAt(field, start).norm(dim: 1);
        var moved = (projection.Points - start).norm(dim: 1);
        using var maxMoveScalar = maxMove.ToScalar();
        var accept = projection.Converged.logical_and(moved <= maxMoveScalar);
        var result = torch.where(accept.unsqueeze(1), projection.Points, start).to_type(ScalarType.Float64).cpu();
        var residual = torch.where(accept, projection.Values.norm(dim: 1), initial);
        double before = initial.to_type(ScalarType.Float64).mean().item<double>();
        double after = residual.to_type(ScalarType.Float64).mean().item<double>();
        var coordinates = result.data<double>().ToArray();
        for (int i = 0; i < points.Length; i++) points[i] = new Vector3d(coordinates[3 * i], coordinates[3 * i + 1], coordinates[3 * i + 2]);
        int snapped = (int)accept.sum().item<long>();
        return new SnapStatistics(snapped, points.Length - snapped, before, after);
    }

    /// <summary>F at the points, [n, l], without a graph.</summary>
    static Tensor ValuesAt(Func<Tensor, Tensor> field, Tensor points)
    {
        using var noGrad = torch.no_grad();
        return field(points).detach();
    }
}
