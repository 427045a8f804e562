namespace Nlset.Geometry;

/// <summary>
/// A translation and uniform scale mapping a shape into a unit box: the bounding box's centre goes
/// to the origin and its largest side becomes 1. Training works in these units (the method's sample
/// spreads are relative to shape size); results are mapped back with <see cref="Invert(Mesh)"/>.
/// Uniform scaling keeps normals unchanged.
/// </summary>
public readonly record struct Normalization(Vector3d Center, double Scale)
{
    public static readonly Normalization Identity = new(Vector3d.Zero, 1);

    /// <exception cref="InvalidInputException">No points, or all of them identical.</exception>
    public static Normalization FitUnitBox(ReadOnlySpan<Vector3d> points)
    {
        if (points.IsEmpty) throw new InvalidInputException("there are no points: an empty shape cannot be normalised");
        var box = BoundingBox.Of(points);
        double side = box.LargestSide;
        if (!(side > 0) || !double.IsFinite(side))
            throw new InvalidInputException("all points are identical: the shape has no extent to normalise");
        return new Normalization(box.Center, 1.0 / side);
    }

    public Vector3d Apply(Vector3d p) => (p - Center) * Scale;

    /// <summary>Every point mapped, in a new array (the cloud a network is trained on or judged against).</summary>
    public Vector3d[] ApplyAll(IReadOnlyList<Vector3d> points)
    {
        var mapped = new Vector3d[points.Count];
        for (int i = 0; i < mapped.Length; i++) mapped[i] = Apply(points[i]);
        return mapped;
    }
    public Vector3d Invert(Vector3d p) => p / Scale + Center;

    public Mesh Apply(Mesh mesh) => Map(mesh, Apply);
    public Mesh Invert(Mesh mesh) => Map(mesh, Invert);

    static Mesh Map(Mesh mesh, Func<Vector3d, Vector3d> f)
    {
        var vertices = new Vector3d[mesh.VertexCount];
        for (int i = 0; i < vertices.Length; i++) vertices[i] = f(mesh.Vertices[i]);
        return new Mesh(vertices, mesh.Normals, mesh.Triangles, mesh.Polylines, mesh.Colors) { Comments = [.. mesh.Comments] };
    }
}
