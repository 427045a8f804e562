using Nlset.Geometry;
using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;

namespace Nlset.Cli.Tests;

/// <summary>Meshes with known geometry for the command tests.</summary>
internal static class TestMeshes
{
    /// <summary>
    /// The closed axis-aligned box [corner, corner + size], 12 triangles counter-clockwise from outside.
    /// Points sampled on a face keep the face's constant coordinate exactly, so a sampled cloud has
    /// exactly the box's bounds once every face has been hit.
    /// </summary>
    public static Mesh Box(Vector3d corner, Vector3d size)
    {
        var vertices = new Vector3d[8];
        for (int v = 0; v < 8; v++)
            vertices[v] = corner + new Vector3d((v & 1) * size.X, ((v >> 1) & 1) * size.Y, ((v >> 2) & 1) * size.Z);
        int[][] quads = [[0, 2, 3, 1], [4, 5, 7, 6], [0, 1, 5, 4], [2, 6, 7, 3], [0, 4, 6, 2], [1, 3, 7, 5]];
        var triangles = quads.SelectMany(q => new[] { q[0], q[1], q[2], q[0], q[2], q[3] }).ToArray();
        return new Mesh(vertices, triangles: triangles);
    }

    /// <summary>A 2 × 1 × 0.5 box away from the origin: normalised, it is [−0.5, 0.5] × [−0.25, 0.25] × [−0.125, 0.125].</summary>
    public static Mesh OffsetBox() => Box(new Vector3d(3, -1, 7), new Vector3d(2, 1, 0.5));

    /// <summary>
    /// The reconstruct tests' cloud: 1500 points on a radius-3 sphere (seed 9), radius 0.5 once normalised, which a
    /// network started from that sphere (r=0.5) fits in a few dozen steps.
    /// </summary>
    public static Mesh SphereCloud(Vector3d? centre = null, double noise = 0) =>
        SurfaceSampler.SamplePointCloud(Icosphere.Create(4, radius: 3, center: centre ?? Vector3d.Zero), 1500, seed: 9, noiseSigma: noise);
}
