using Nlset.Geometry;
using Nlset.Geometry.Spatial;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Reconstruction;

/// <summary>
/// d(x, X) of Eq. 13 made differentiable: the nearest input point of each sample is found on the detached
/// position with the k-d tree, then the distance is computed in torch through p(θ).
/// </summary>
public sealed class NearestInputPoints : IDisposable
{
    readonly KdTree _tree;
    readonly Tensor _cloud;   // [M, 3] on the training device, float32

    public NearestInputPoints(Vector3d[] cloud, Device device) : this(new PreparedCloud(cloud), device) { }

    /// <summary>On a prepared cloud, whose k-d tree it shares.</summary>
    public NearestInputPoints(PreparedCloud prepared, Device device)
    {
        var cloud = prepared.Points;
        _tree = prepared.Tree;
        var flat = new float[cloud.Length * 3];
        for (int i = 0; i < cloud.Length; i++)
        {
            flat[3 * i] = (float)cloud[i].X;
            flat[3 * i + 1] = (float)cloud[i].Y;
            flat[3 * i + 2] = (float)cloud[i].Z;
        }
        _cloud = torch.tensor(flat, [cloud.Length, 3], device: device);
    }

    /// <summary>The input points as a [M, 3] tensor (for batches of x_j).</summary>
    public Tensor Cloud => _cloud;

    /// <summary>The nearest input point [N, 3] of each row of <paramref name="points"/> [N, 3] (no graph).</summary>
    public Tensor Of(Tensor points)
    {
        var cpu = points.detach().to(torch.float64).cpu();
        var coordinates = cpu.data<double>().ToArray();
        cpu.Dispose();
        var queries = new Vector3d[coordinates.Length / 3];
        for (int i = 0; i < queries.Length; i++) queries[i] = new Vector3d(coordinates[3 * i], coordinates[3 * i + 1], coordinates[3 * i + 2]);
        var indices = new int[queries.Length];
        var distances = new double[queries.Length];
        _tree.Nearest(queries, indices, distances);
        using var index = torch.tensor(indices.Select(i => (long)i).ToArray(), device: _cloud.device);
        return _cloud.index_select(0, index);
    }

    public void Dispose() => _cloud.Dispose();
}
