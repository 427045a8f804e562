using Nlset.Geometry;
using Nlset.Geometry.Spatial;
using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Reconstruction;

/// <summary>
/// A sign the cloud itself gives (not in the paper): places that see the box's border along two axis directions
/// without passing the data are outside the shape (<see cref="FreeSpaceGrid"/>), so F should not be negative there.
/// The term mean(max(0, −F(q))) over uniform points q of the box, counted only where q is such a place, tears webs that
/// Eq. 13 alone leaves spanning between close parts (camel legs); away from them it is zero and changes nothing.
/// </summary>
public sealed class FreeSpacePrior : IDisposable
{
    readonly Tensor _outside;      // [R³] bool on the training device, x fastest
    readonly int _resolution;
    readonly double _halfSize;

    /// <param name="cloud">The normalised cloud (largest side 1, centred).</param>
    public FreeSpacePrior(Vector3d[] cloud, Device device, double halfSize = ReconstructionSettings.BoxHalfSize)
        : this(new PreparedCloud(cloud), device, halfSize) { }

    /// <summary>On a prepared cloud, whose point spacing it shares.</summary>
    public FreeSpacePrior(PreparedCloud prepared, Device device, double halfSize = ReconstructionSettings.BoxHalfSize)
    {
        var cloud = prepared.Points;
        Spacing = prepared.Spacing;
        Grid = FreeSpaceGrid.Build(cloud, halfSize, FreeSpaceGrid.ResolutionFor(Spacing, halfSize));
        _resolution = Grid.Resolution;
        _halfSize = halfSize;
        _outside = torch.tensor(Grid.OutsideCells.ToArray(), device: device);
    }

    public FreeSpaceGrid Grid { get; }

    /// <summary>Median distance from a point to its nearest other point.</summary>
    public double Spacing { get; }

    /// <summary>mean over q of max(0, −F(q)) where q is certainly outside, 0 elsewhere (q: [N, 3], with the graph to θ).</summary>
    public Tensor Term(Func<Tensor, Tensor> field, Tensor uniformPoints)
    {
        using var scope = torch.NewDisposeScope();
        var outside = IsOutside(uniformPoints);
        var values = field(uniformPoints).reshape(-1);
        return (values.neg().relu() * outside.to(values.dtype)).mean().MoveToOuterDisposeScope();
    }

    /// <summary>Whether each row of <paramref name="points"/> [N, 3] lies in a certainly-outside cell ([N] bool, no graph).</summary>
    public Tensor IsOutside(Tensor points)
    {
        using var scope = torch.NewDisposeScope();
        using var halfSize = _halfSize.ToScalar();
        using var cellSize = (2 * _halfSize / _resolution).ToScalar();
        using var resolution = _resolution.ToScalar();
        using var lastCell = (_resolution - 1).ToScalar();
        var cell = (points.detach().Plus(halfSize) / cellSize).floor().to(ScalarType.Int64);
        var inside = ((cell >= Zero) & (cell < resolution)).all(1);
        var clamped = cell.clamp(Zero, lastCell);
        var index = (clamped[.., 2] * resolution).Plus(clamped[.., 1]) * resolution;
        index = index.Plus(clamped[.., 0]);
        return (_outside.index_select(0, index) & inside).MoveToOuterDisposeScope();
    }

    public void Dispose() => _outside.Dispose();
}
