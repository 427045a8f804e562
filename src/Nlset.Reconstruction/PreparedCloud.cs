using Nlset.Geometry;
using Nlset.Geometry.Spatial;

namespace Nlset.Reconstruction;

/// <summary>
/// The cloud a training runs on (normalised: largest side 1, centred; denoised when asked) with the one k-d tree and
/// the median point spacing that every consumer shares: the nearest-input search of Eq. 13, the free-space grid and
/// the data-support test of the extracted mesh. Built once per reconstruction (three trees were built on the same cloud).
/// </summary>
public sealed class PreparedCloud
{
    readonly Lazy<double> _spacing;

    public PreparedCloud(Vector3d[] points) : this(points, new KdTree(points)) { }

    /// <summary>With a tree already built on exactly <paramref name="points"/>.</summary>
    public PreparedCloud(Vector3d[] points, KdTree tree)
    {
        if (tree.Count != points.Length) throw new ArgumentException($"the tree holds {tree.Count} points, the cloud {points.Length}", nameof(tree));
        Points = points;
        Tree = tree;
        _spacing = new Lazy<double>(() => PointSpacing.Median(Points, Tree));
    }

    public Vector3d[] Points { get; }

    public KdTree Tree { get; }

    /// <summary>Median distance from a point to its nearest other point (<see cref="PointSpacing"/>).</summary>
    public double Spacing => _spacing.Value;

    public int Count => Points.Length;
}
