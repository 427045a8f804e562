using static TorchSharp.torch;

namespace Nlset.Core.Tests;

/// <summary>Fields with known level sets: the oracles of the projection tests.</summary>
internal static class AnalyticFields
{
    /// <summary>‖x − centre‖ − radius: a signed distance, |∇F| = 1.</summary>
    public static Func<Tensor, Tensor> SphereDistance(double radius, params double[] centre) => x =>
        (x - Centre(x, centre)).norm(dim: 1) - radius;

    /// <summary>‖x‖² − radius²: |∇F| = 2‖x‖, so Newton converges quadratically, not in one step.</summary>
    public static Func<Tensor, Tensor> SphereSquared(double radius) => x => x.square().sum(1) - radius * radius;

    /// <summary>n·x − offset.</summary>
    public static Func<Tensor, Tensor> Plane(double[] normal, double offset) => x =>
        x.matmul(tensor(normal, dtype: x.dtype, device: x.device)) - offset;

    /// <summary>(n₁·x − b₁, n₂·x − b₂): zero set is a line in R³.</summary>
    public static Func<Tensor, Tensor> TwoPlanes(double[] n1, double b1, double[] n2, double b2) => x =>
        stack(new[] { Plane(n1, b1)(x), Plane(n2, b2)(x) }, 1);

    /// <summary>(‖x‖ − radius, z): zero set is the circle of that radius in the plane z = 0.</summary>
    public static Func<Tensor, Tensor> EquatorCircle(double radius) => x =>
        stack(new[] { x.norm(dim: 1) - radius, x[.., 2] }, 1);

    static Tensor Centre(Tensor x, double[] centre) =>
        centre.Length == 0 ? zeros(x.shape[1], dtype: x.dtype, device: x.device) : tensor(centre, dtype: x.dtype, device: x.device);
}
