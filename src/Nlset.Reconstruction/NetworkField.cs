using Nlset.Geometry;
using Nlset.Geometry.Meshing;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Reconstruction;

/// <summary>
/// A trained network seen as marching cubes' batched scalar field: each call is one forward pass without a graph
/// on the whole batch (in float32, on the network's device), in normalised coordinates.
/// </summary>
public static class NetworkField
{
    /// <param name="output">Which output channel to mesh (0 for surfaces; 0 or 1 for a curve network).</param>
    public static ScalarField Of(Nlset.Core.ImplicitNetwork network, int output = 0)
    {
        var device = network.parameters().First().device;
        return (points, values) =>
        {
            var flat = new float[points.Length * 3];
            for (int i = 0; i < points.Length; i++)
            {
                flat[3 * i] = (float)points[i].X;
                flat[3 * i + 1] = (float)points[i].Y;
                flat[3 * i + 2] = (float)points[i].Z;
            }
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var input = torch.tensor(flat, [points.Length, 3], device: device);
            var result = network.forward(input);
            var column = (result.dim() == 1 ? result : result.select(1, output)).to(float64).cpu();
            column.data<double>().CopyTo(values);
        };
    }
}
