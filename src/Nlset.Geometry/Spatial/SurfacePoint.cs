namespace Nlset.Geometry.Spatial;

/// <summary>The point of a triangle mesh nearest to a query: where it is, how far, and on which triangle (mesh order).</summary>
public readonly record struct SurfacePoint(Vector3d Point, double Distance, int Triangle);
