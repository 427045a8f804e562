using System.Runtime.CompilerServices;

namespace Nlset.Geometry.Spatial;

/// <summary>
/// A norm as the k-d tree's search sees it: a per-axis contribution that sums to a monotone
/// surrogate of the distance (squared for L2, so the search needs no square roots), and the map
/// from that surrogate back to the distance. Implemented by structs so that the JIT compiles one
/// specialised search per norm.
/// </summary>
internal interface INormKernel
{
    static abstract double Axis(double difference);
    static abstract double ToDistance(double surrogate);
}

internal readonly struct EuclideanKernel : INormKernel
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Axis(double difference) => difference * difference;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double ToDistance(double surrogate) => Math.Sqrt(surrogate);
}

internal readonly struct ManhattanKernel : INormKernel
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Axis(double difference) => Math.Abs(difference);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double ToDistance(double surrogate) => surrogate;
}
