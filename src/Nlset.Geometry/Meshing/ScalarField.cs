namespace Nlset.Geometry.Meshing;

/// <summary>
/// A scalar function of 3-D position, evaluated on a batch: <paramref name="values"/>[i] = F(<paramref name="points"/>[i]).
/// Batched because in production each call is one forward pass of a network over many points. Callers never
/// invoke a field from several threads at once (a network evaluation is not thread-safe); an analytic field may
/// use several threads inside one call.
/// </summary>
public delegate void ScalarField(ReadOnlySpan<Vector3d> points, Span<double> values);
