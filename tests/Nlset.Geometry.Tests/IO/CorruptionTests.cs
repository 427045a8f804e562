using Nlset.Geometry.IO;

namespace Nlset.Geometry.Tests.IO;

/// <summary>
/// Seeded random damage to valid files — flipped bytes, truncation, inserted bytes — either still reads
/// or fails with a GeometryFileException; no other exception type ever escapes a reader.
/// </summary>
public class CorruptionTests
{
    static IEnumerable<(string Name, byte[] Bytes)> ValidFiles()
    {
        var mesh = new Mesh(
            [new Vector3d(0, 0, 0), new Vector3d(1, 0, 0), new Vector3d(0, 1, 0.1), new Vector3d(0.5, 0.5, 1)],
            [new Vector3d(0, 0, 1), new Vector3d(0, 0, 1), new Vector3d(0, 1, 0), new Vector3d(1, 0, 0)],
            [0, 1, 2, 0, 2, 3, 1, 3, 2],
            [[0, 3]]) { Comments = ["fuzz"] };
        foreach (var encoding in Enum.GetValues<PlyEncoding>())
        {
            var stream = new MemoryStream();
            PlyWriter.Write(stream, mesh, encoding);
            yield return ($"m-{encoding}.ply", stream.ToArray());
        }
        var obj = new MemoryStream();
        ObjWriter.Write(obj, mesh);
        yield return ("m.obj", obj.ToArray());
        var off = new MemoryStream();
        OffWriter.Write(off, new Mesh(mesh.Vertices, mesh.Normals, mesh.Triangles), "m.off");
        yield return ("m.off", off.ToArray());
        var xyz = new MemoryStream();
        XyzWriter.Write(xyz, new Mesh(mesh.Vertices, mesh.Normals), "m.xyz");
        yield return ("m.xyz", xyz.ToArray());
    }

    [Fact]
    public void Damaged_files_raise_only_geometry_file_errors()
    {
        var random = new Random(1234);
        byte[] interesting = [0, 0xFF, (byte)'\n', (byte)' ', (byte)'-', (byte)'#', (byte)'/', (byte)'9', 0x80, 3];
        int failures = 0, reads = 0;
        foreach (var (name, valid) in ValidFiles())
        {
            foreach (string asName in new[] { name, "noextension" })
                for (int trial = 0; trial < 400; trial++)
                {
                    var damaged = Damage(valid, random, interesting);
                    try
                    {
                        GeometryFiles.Read(new MemoryStream(damaged), asName);
                        reads++;
                    }
                    catch (GeometryFileException e)
                    {
                        Assert.StartsWith(asName + ": ", e.Message);
                        // Readers report problems themselves; an inner exception means the facade's safety net caught a reader bug.
                        Assert.True(e.InnerException == null, $"{asName}: {e.Message}");
                        failures++;
                    }
                }
        }
        // Both outcomes must occur, or the damage is not exercising the readers.
        Assert.True(failures > 1000, $"{failures} failures");
        Assert.True(reads > 100, $"{reads} reads");
    }

    static byte[] Damage(byte[] valid, Random random, byte[] interesting)
    {
        var bytes = new List<byte>(valid);
        int edits = random.Next(1, 4);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0: bytes[at] = interesting[random.Next(interesting.Length)]; break;
                case 1: bytes[at] = (byte)random.Next(256); break;
                case 2: bytes.RemoveRange(at, bytes.Count - at); break;
                default: bytes.Insert(at, interesting[random.Next(interesting.Length)]); break;
            }
        }
        return [.. bytes];
    }
}
