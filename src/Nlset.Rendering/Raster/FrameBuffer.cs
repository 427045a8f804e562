using Nlset.Rendering.Scene;

namespace Nlset.Rendering.Raster;

/// <summary>
/// The samples of one view before shading (a G-buffer): for each sample the nearest depth, the view-space normal
/// there and the material. Shading happens once per visible sample afterwards (<see cref="LightRig"/>), so hidden
/// surfaces cost only a depth test.
/// </summary>
public sealed class FrameBuffer
{
    public FrameBuffer(int width, int height)
    {
        Width = width;
        Height = height;
        int n = checked(width * height);
        Depth = new float[n];
        Array.Fill(Depth, float.NegativeInfinity);
        NormalX = new float[n];
        NormalY = new float[n];
        NormalZ = new float[n];
        Material = new Material[n];
    }

    public int Width { get; }
    public int Height { get; }
    /// <summary>Depth towards the viewer (larger is nearer); −∞ where nothing was drawn.</summary>
    public float[] Depth { get; }
    public float[] NormalX { get; }
    public float[] NormalY { get; }
    public float[] NormalZ { get; }
    public Material[] Material { get; }

    /// <summary>Writes the sample if it is nearer than what is there (the depth test).</summary>
    public void Write(int index, float depth, float nx, float ny, float nz, Material material)
    {
        if (depth <= Depth[index]) return;
        Depth[index] = depth;
        NormalX[index] = nx;
        NormalY[index] = ny;
        NormalZ[index] = nz;
        Material[index] = material;
    }
}
