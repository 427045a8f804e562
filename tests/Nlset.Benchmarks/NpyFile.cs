using System.Text;
using Nlset.Geometry;

namespace Nlset.Benchmarks;

/// <summary>Writes points as a NumPy .npy file (format 1.0, little-endian float64, shape (n, 3)) so Python references read exactly the same data.</summary>
public static class NpyFile
{
    public static void WritePoints(string path, ReadOnlySpan<Vector3d> points)
    {
        string header = $"{{'descr': '<f8', 'fortran_order': False, 'shape': ({points.Length}, 3), }}";
        // Magic (6) + version (2) + length (2) + header + '\n' must be a multiple of 64 bytes.
        int unpadded = 10 + header.Length + 1;
        header = header.PadRight(header.Length + (64 - unpadded % 64) % 64) + "\n";
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream);
        writer.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        writer.Write((ushort)header.Length);
        writer.Write(Encoding.ASCII.GetBytes(header));
        foreach (var p in points)
        {
            writer.Write(p.X);
            writer.Write(p.Y);
            writer.Write(p.Z);
        }
    }
}
