namespace Nlset.Geometry;

/// <summary>A vertex's colour as 8-bit red, green, blue: what scanners and PLY files store (PLY's uchar red/green/blue).</summary>
public readonly record struct VertexColor(byte R, byte G, byte B)
{
    /// <summary>A channel given as a number: 0..1 floats are scaled to 0..255, larger values are taken as 0..255 already.</summary>
    public static byte Channel(double value, bool unitRange) =>
        (byte)Math.Clamp(Math.Round(unitRange ? value * 255 : value), 0, 255);
}
