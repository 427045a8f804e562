// MSBuild task (compiled by RoslynCodeTaskFactory, see TorchSharpNativeFix.targets).
//
// TorchSharp 0.107.0's libLibTorchSharp.so was linked against GCC 13's libstdc++ and records a
// version need for GLIBCXX_3.4.32. The only symbol of that version it names is
// _ZSt21ios_base_library_initv, which GCC 13's <iostream> references just to force linking; the
// library has no relocation against it. On libstdc++ 12 (Debian 12, Ubuntu 22.04) the loader
// rejects the library because the version is missing. Marking that one Elf64_Vernaux entry weak
// (VER_FLG_WEAK) turns the hard failure into nothing: the loader skips weak needs it cannot meet.
//
// Only the copy in the build or publish output is patched (never the NuGet cache: the file is
// rewritten through a temporary file so a hard link to the cache is broken, not written through),
// and only when the host's libstdc++ lacks the version.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class WeakenGlibcxxVersionNeed : Microsoft.Build.Utilities.Task
{
    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlgWeak = 0x2;

    [Required] public ITaskItem[] Libraries { get; set; } = new ITaskItem[0];
    public string Version { get; set; } = "GLIBCXX_3.4.32";

    static readonly string[] LibStdCxxCandidates =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/lib/aarch64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
    };

    public override bool Execute()
    {
        if (Libraries.Length == 0 || !RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return true;
        string host = Array.Find(LibStdCxxCandidates, File.Exists);
        if (host == null)
        {
            Log.LogMessage(MessageImportance.Low, "TorchSharp native fix: no libstdc++.so.6 found; nothing to do.");
            return true;
        }
        if (Contains(File.ReadAllBytes(host), Encoding.ASCII.GetBytes(Version + "\0")))
        {
            Log.LogMessage(MessageImportance.Low, $"TorchSharp native fix: {host} provides {Version}; nothing to do.");
            return true;
        }
        foreach (var item in Libraries)
        {
            string path = item.ItemSpec;
            if (!File.Exists(path)) continue;
            try
            {
                byte[] elf = File.ReadAllBytes(path);
                int changed = MarkVersionNeedWeak(elf, Version);
                if (changed == 0) continue;
                string tmp = path + ".weak-tmp";
                File.WriteAllBytes(tmp, elf);
                File.Delete(path);
                File.Move(tmp, path);
                Log.LogMessage(MessageImportance.Normal, $"TorchSharp native fix: marked {Version} weak in {path} (host libstdc++ lacks it).");
            }
            catch (Exception e)
            {
                Log.LogError($"TorchSharp native fix: cannot patch {path}: {e.Message}");
                return false;
            }
        }
        return true;
    }

    /// <summary>Sets VER_FLG_WEAK on every version need named <paramref name="version"/>;
    /// returns how many entries changed (0 when already weak or absent).</summary>
    public static int MarkVersionNeedWeak(byte[] elf, string version)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1) throw new InvalidDataException("only 64-bit little-endian ELF is supported");
        long shoff = (long)BitConverter.ToUInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A), shnum = BitConverter.ToUInt16(elf, 0x3C);
        int changed = 0;
        for (int i = 0; i < shnum; i++)
        {
            long sh = shoff + (long)i * shentsize;
            if (BitConverter.ToUInt32(elf, (int)sh + 4) != ShtGnuVerneed) continue;
            long offset = (long)BitConverter.ToUInt64(elf, (int)sh + 24);
            uint link = BitConverter.ToUInt32(elf, (int)sh + 40), count = BitConverter.ToUInt32(elf, (int)sh + 44);
            long strtab = (long)BitConverter.ToUInt64(elf, (int)(shoff + link * shentsize) + 24);
            long need = offset;
            for (uint n = 0; n < count; n++)
            {
                int cnt = BitConverter.ToUInt16(elf, (int)need + 2);
                long aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
                for (int a = 0; a < cnt; a++)
                {
                    // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32
                    uint name = BitConverter.ToUInt32(elf, (int)aux + 8);
                    if (ReadCString(elf, strtab + name) == version)
                    {
                        ushort flags = BitConverter.ToUInt16(elf, (int)aux + 4);
                        if ((flags & VerFlgWeak) == 0)
                        {
                            ushort weak = (ushort)(flags | VerFlgWeak);
                            elf[aux + 4] = (byte)(weak & 0xff);
                            elf[aux + 5] = (byte)(weak >> 8);
                            changed++;
                        }
                    }
                    aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                }
                need += BitConverter.ToUInt32(elf, (int)need + 12);
            }
        }
        return changed;
    }

    static string ReadCString(byte[] data, long at)
    {
        int end = Array.IndexOf(data, (byte)0, (int)at);
        return Encoding.ASCII.GetString(data, (int)at, end - (int)at);
    }

    static bool Contains(byte[] haystack, byte[] needle)
    {
        for (int i = Array.IndexOf(haystack, needle[0]); i >= 0 && i <= haystack.Length - needle.Length;
             i = Array.IndexOf(haystack, needle[0], i + 1))
        {
            int k = 1;
            while (k < needle.Length && haystack[i + k] == needle[k]) k++;
            if (k == needle.Length) return true;
        }
        return false;
    }
}
