namespace Nlset.Geometry.Spatial;

/// <summary>The norm a nearest-neighbour query measures distance with.</summary>
public enum DistanceNorm
{
    /// <summary>L2: √(Δx² + Δy² + Δz²).</summary>
    Euclidean,
    /// <summary>L1: |Δx| + |Δy| + |Δz|.</summary>
    Manhattan,
}
