using Nlset.Rendering.Scene;

namespace Nlset.Rendering.Raster;

/// <summary>
/// Draws segments as tubes and points as spheres (splats) of a fixed radius in pixels, depth-tested: every sample
/// within the radius of the segment's image gets the depth and normal of a cylinder (a sphere for a point) around it,
/// so curves and clouds are shaded like solid objects and hide one another correctly. Consecutive segments overlap
/// in round joints (the distance is to the closed segment).
/// </summary>
public static class TubeRasteriser
{
    /// <param name="radius">Radius in samples.</param>
    /// <param name="unitsPerSample">World units per sample, to turn the tube's bulge into depth.</param>
    /// <param name="depthBias">Added to every depth (world units): moves overlays in front of the surface they lie on.</param>
    public static void Segment(FrameBuffer target, float ax, float ay, float az, float bx, float by, float bz,
        float radius, float unitsPerSample, Material material, float depthBias = 0)
    {
        int x0 = Math.Max(0, (int)MathF.Floor(MathF.Min(ax, bx) - radius));
        int x1 = Math.Min(target.Width - 1, (int)MathF.Ceiling(MathF.Max(ax, bx) + radius));
        int y0 = Math.Max(0, (int)MathF.Floor(MathF.Min(ay, by) - radius));
        int y1 = Math.Min(target.Height - 1, (int)MathF.Ceiling(MathF.Max(ay, by) + radius));
        if (x0 > x1 || y0 > y1) return;
        float dx = bx - ax, dy = by - ay;
        float lengthSquared = dx * dx + dy * dy;
        float r2 = radius * radius;
        for (int py = y0; py <= y1; py++)
        {
            float sy = py + 0.5f;
            for (int px = x0; px <= x1; px++)
            {
                float sx = px + 0.5f;
                float t = lengthSquared > 0 ? Math.Clamp(((sx - ax) * dx + (sy - ay) * dy) / lengthSquared, 0, 1) : 0;
                float ox = sx - (ax + t * dx), oy = sy - (ay + t * dy);
                float d2 = ox * ox + oy * oy;
                if (d2 >= r2) continue;
                float bulge = MathF.Sqrt(r2 - d2);
                float depth = az + t * (bz - az) + bulge * unitsPerSample + depthBias;
                // View-space normal of the cylinder (or sphere) under the sample; image y points down, view y up.
                target.Write(py * target.Width + px, depth, ox / radius, -oy / radius, bulge / radius, material);
            }
        }
    }

    /// <summary>A sphere of <paramref name="radius"/> samples at one point.</summary>
    public static void Splat(FrameBuffer target, float x, float y, float z, float radius, float unitsPerSample, Material material, float depthBias = 0) =>
        Segment(target, x, y, z, x, y, z, radius, unitsPerSample, material, depthBias);
}
