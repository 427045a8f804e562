namespace Nlset.Geometry.Meshing;

/// <summary>
/// The triangles of one band of layers or one block of cells, with its own vertex numbering. Vertices on faces
/// the part shares with other parts are listed with a key naming their grid edge, so that
/// <see cref="MeshAssembler"/> can join the parts without duplicates; vertices that landed exactly on a grid
/// vertex are listed with that sample's index, for <see cref="GridVertexWelding"/>.
/// </summary>
internal sealed class MeshPart
{
    public List<Vector3d> Vertices { get; } = [];
    public List<int> Triangles { get; } = [];
    public List<(long Key, int Vertex)> Shared { get; } = [];
    public List<(long Sample, int Vertex)> Ties { get; } = [];
}
