using Nlset.Rendering.Scene;

namespace Nlset.Rendering.Raster;

/// <summary>
/// Scan-converts triangles into a <see cref="FrameBuffer"/>: edge functions evaluated at sample centres over each
/// triangle's pixel bounding box, depth and normal interpolated barycentrically (normals renormalised per sample).
/// Both windings are drawn: reconstructed meshes may be open or inconsistently oriented, and the light rig is two-sided.
/// The image is cut into horizontal bands rasterised in parallel (each band owns its rows, so no locks), and the
/// triangles facing the camera go first, so that on a closed mesh the hidden half mostly fails the depth test at once
/// instead of being shaded and overwritten (measured: docs/rendering.md).
/// </summary>
public static class TriangleRasteriser
{
    /// <param name="x">Image x of every vertex (sample units).</param>
    /// <param name="y">Image y of every vertex.</param>
    /// <param name="z">Depth of every vertex (towards the viewer).</param>
    /// <param name="normals">View-space unit normals, 3 floats each: per vertex (smooth) or per triangle (flat).</param>
    /// <param name="perVertex">True: <paramref name="normals"/> are per vertex and interpolated; false: one per triangle.</param>
    public static void Draw(FrameBuffer target, float[] x, float[] y, float[] z, int[] triangles, float[] normals, bool perVertex, Material material)
    {
        int count = triangles.Length / 3;
        // Facing the camera: clockwise in the image (y down) for counter-clockwise triangles seen from outside.
        var order = new int[count];
        int front = 0, back = count;
        for (int t = 0; t < count; t++)
        {
            int a = triangles[3 * t], b = triangles[3 * t + 1], c = triangles[3 * t + 2];
            float area = (x[b] - x[a]) * (y[c] - y[a]) - (y[b] - y[a]) * (x[c] - x[a]);
            if (area < 0) order[front++] = t;
            else order[--back] = t;
        }
        int bands = Math.Max(1, Math.Min(target.Height / 16, 4 * Environment.ProcessorCount));
        Parallel.For(0, bands, band =>
        {
            int rowStart = (int)((long)target.Height * band / bands), rowEnd = (int)((long)target.Height * (band + 1) / bands) - 1;
            foreach (var t in order) DrawOne(target, x, y, z, triangles, normals, perVertex, material, t, rowStart, rowEnd);
        });
    }

    static void DrawOne(FrameBuffer target, float[] x, float[] y, float[] z, int[] triangles, float[] normals, bool perVertex, Material material,
        int t, int rowStart, int rowEnd)
    {
        int a = triangles[3 * t], b = triangles[3 * t + 1], c = triangles[3 * t + 2];
        float ay = y[a], by = y[b], cy = y[c];
        int y0 = Math.Max(rowStart, (int)MathF.Floor(MathF.Min(ay, MathF.Min(by, cy))));
        int y1 = Math.Min(rowEnd, (int)MathF.Ceiling(MathF.Max(ay, MathF.Max(by, cy))));
        if (y0 > y1) return;
        float ax = x[a], bx = x[b], cx = x[c];
        int width = target.Width;
        int x0 = Math.Max(0, (int)MathF.Floor(MathF.Min(ax, MathF.Min(bx, cx))));
        int x1 = Math.Min(width - 1, (int)MathF.Ceiling(MathF.Max(ax, MathF.Max(bx, cx))));
        if (x0 > x1) return;
        float area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
        if (!(Math.Abs(area) > 1e-12f)) return;    // degenerate or not finite
        float inv = 1 / area;
        float za = z[a], zb = z[b], zc = z[c];
        int na = perVertex ? 3 * a : 3 * t, nb = perVertex ? 3 * b : 3 * t, nc = perVertex ? 3 * c : 3 * t;
        var depthBuffer = target.Depth;

        // Barycentric weights as affine functions of the sample position: w = w0 + dx·x + dy·y.
        float wa0 = ((cy - by) * bx - (cx - bx) * by) * inv, wadx = (by - cy) * inv, wady = -(bx - cx) * inv;
        float wb0 = ((ay - cy) * cx - (ax - cx) * cy) * inv, wbdx = (cy - ay) * inv, wbdy = -(cx - ax) * inv;
        for (int py = y0; py <= y1; py++)
        {
            float sy = py + 0.5f;
            float sx0 = x0 + 0.5f;
            float wa = wa0 + wadx * sx0 + wady * sy;
            float wb = wb0 + wbdx * sx0 + wbdy * sy;
            int i = py * width + x0;
            for (int px = x0; px <= x1; px++, i++, wa += wadx, wb += wbdx)
            {
                float wc = 1 - wa - wb;
                if (wa < 0 || wb < 0 || wc < 0) continue;
                float depth = wa * za + wb * zb + wc * zc;
                if (depth <= depthBuffer[i]) continue;
                float nx = wa * normals[na] + wb * normals[nb] + wc * normals[nc];
                float ny = wa * normals[na + 1] + wb * normals[nb + 1] + wc * normals[nc + 1];
                float nz = wa * normals[na + 2] + wb * normals[nb + 2] + wc * normals[nc + 2];
                float length = MathF.Sqrt(nx * nx + ny * ny + nz * nz);
                if (length > 0) { nx /= length; ny /= length; nz /= length; }
                target.Write(i, depth, nx, ny, nz, material);
            }
        }
    }
}
