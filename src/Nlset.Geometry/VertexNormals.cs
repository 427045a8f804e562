namespace Nlset.Geometry;

/// <summary>
/// Normals for shading, computed from the triangles (a file's stored normals may be missing, unnormalised or from
/// another surface): per face, and per vertex as the area-weighted mean of the faces around it (the sum of the
/// unnormalised cross products), which follows the surface on meshes with uneven triangle sizes.
/// </summary>
public static class VertexNormals
{
    public static Vector3d[] OfFaces(Mesh mesh)
    {
        var normals = new Vector3d[mesh.TriangleCount];
        for (int t = 0; t < normals.Length; t++)
        {
            var (a, b, c) = mesh.Triangle(t);
            normals[t] = Vector3d.Cross(mesh.Vertices[b] - mesh.Vertices[a], mesh.Vertices[c] - mesh.Vertices[a]).Normalized();
        }
        return normals;
    }

    public static Vector3d[] OfVertices(Mesh mesh)
    {
        var normals = new Vector3d[mesh.VertexCount];
        for (int t = 0; t < mesh.TriangleCount; t++)
        {
            var (a, b, c) = mesh.Triangle(t);
            var n = Vector3d.Cross(mesh.Vertices[b] - mesh.Vertices[a], mesh.Vertices[c] - mesh.Vertices[a]);
            normals[a] += n;
            normals[b] += n;
            normals[c] += n;
        }
        for (int i = 0; i < normals.Length; i++) normals[i] = normals[i].Normalized();
        return normals;
    }
}
