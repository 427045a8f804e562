using Nlset.Geometry;
using Nlset.Reconstruction.Batch;

namespace Nlset.Reconstruction.Tests.Batch;

public sealed class BatchManifestTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nlset-manifest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void CsvRowsTakeInputOutputOptionsOptionColumnsAndKeepTheRest()
    {
        var manifest = Write("m.csv", """
            # scans of the 5th of December
            input,output,options,--time-budget,--curve,reference

            a.ply,out/a.ply,"--levels 0,±0.01 --seed 3",,,gt/a.ply
            /abs/b.xyz,,"--network '4x64, fourier=2'",90s,true,"gt/b,1.ply"
            c.ply
            """);
        var rows = BatchManifest.Read(manifest);
        Assert.Equal(3, rows.Count);
        Assert.Equal((0, Path.Combine(_dir, "a.ply"), Path.Combine(_dir, "out/a.ply")), (rows[0].Index, rows[0].Input, rows[0].Output));
        Assert.Equal(["--levels", "0,±0.01", "--seed", "3"], rows[0].Options);
        Assert.Equal("gt/a.ply", rows[0].Columns["reference"]);
        Assert.Equal(Path.Combine(_dir, "gt/a.ply"), rows[0].PathIn("reference"));
        Assert.Equal($"{manifest}:4", rows[0].Source);
        Assert.Equal("/abs/b.xyz", rows[1].Input);
        Assert.Null(rows[1].Output);
        Assert.Equal(["--network", "4x64, fourier=2", "--time-budget", "90s", "--curve"], rows[1].Options);
        Assert.Equal("gt/b,1.ply", rows[1].Columns["reference"]);
        Assert.Equal($"{manifest}:6", rows[2].Source);
        Assert.Empty(rows[2].Options);
        Assert.Equal([Path.Combine(_dir, "a.ply"), "-o", Path.Combine(_dir, "out/a.ply"), "--levels", "0,±0.01", "--seed", "3"], rows[0].Arguments);
    }

    [Fact]
    public void BadCsvIsNamedByItsLine()
    {
        Assert.Contains("m1.csv:1", Assert.Throws<InvalidInputException>(() => BatchManifest.Read(Write("m1.csv", "file,out\na.ply,b.ply\n"))).Message);
        Assert.Contains("m2.csv:3", Assert.Throws<InvalidInputException>(() => BatchManifest.Read(Write("m2.csv", "input,output\na.ply,b.ply\nc.ply,\"d.ply\n"))).Message);
        Assert.Contains("m3.csv:2", Assert.Throws<InvalidInputException>(() => BatchManifest.Read(Write("m3.csv", "input\na.ply,b.ply\n"))).Message);
        Assert.Contains("m4.csv:2", Assert.Throws<InvalidInputException>(() => BatchManifest.Read(Write("m4.csv", "input,output\n,b.ply\n"))).Message);
        Assert.Contains("m5.csv:2", Assert.Throws<InvalidInputException>(() => BatchManifest.Read(Write("m5.csv", "input,options\na.ply,--levels '0\n"))).Message);
        Assert.Contains("no rows", Assert.Throws<InvalidInputException>(() => BatchManifest.Read(Write("m6.csv", "input\n"))).Message);
        Assert.Throws<InvalidInputException>(() => BatchManifest.Read(Write("m.tsv", "input\na.ply\n")));
        Assert.Throws<InvalidInputException>(() => BatchManifest.Read(Path.Combine(_dir, "absent.csv")));
    }

    [Fact]
    public void JsonLinesTakeOptionsAsTextOrWords()
    {
        var manifest = Write("m.jsonl", """
            {"input": "a.ply", "options": ["--levels", "0,±0.01", "--network", "2x32, fourier=1"], "label": 7}

            {"input": "b.ply", "output": "/out/b.obj", "options": "--iterations 100", "--curve": true, "--keep-small-components": false, "--seed": 4}
            """);
        var rows = BatchManifest.Read(manifest);
        Assert.Equal(2, rows.Count);
        Assert.Equal(["--levels", "0,±0.01", "--network", "2x32, fourier=1"], rows[0].Options);
        Assert.Equal("7", rows[0].Columns["label"]);
        Assert.Equal(["--iterations", "100", "--curve", "--seed", "4"], rows[1].Options);
        Assert.Equal("/out/b.obj", rows[1].Output);
        Assert.Equal($"{manifest}:3", rows[1].Source);
        Assert.Contains("bad.jsonl:2", Assert.Throws<InvalidInputException>(() => BatchManifest.Read(Write("bad.jsonl", "{\"input\": \"a\"}\n{input: b}\n"))).Message);
        Assert.Contains("bad2.jsonl:1", Assert.Throws<InvalidInputException>(() => BatchManifest.Read(Write("bad2.jsonl", "{\"output\": \"a.ply\"}\n"))).Message);
    }

    [Fact]
    public void AFolderOrAGlobIsOneRowPerCloudLeavingOutWhatABatchWrites()
    {
        foreach (var name in new[] { "s/b.ply", "s/a.xyz", "s/c.obj", "s/notes.txt", "s/a.recon.ply", "s/a.recon.ply.result.json", "s/.hidden.ply", "s/d.csv" })
            Write(name, "");
        var folder = BatchManifest.Read(Path.Combine(_dir, "s"));
        Assert.Equal(["a.xyz", "b.ply", "c.obj"], folder.Select(r => Path.GetFileName(r.Input)));
        Assert.Equal([0, 1, 2], folder.Select(r => r.Index));
        Assert.All(folder, r => Assert.Null(r.Output));

        var glob = BatchManifest.Read(Path.Combine(_dir, "s", "*.ply"));
        Assert.Equal(["b.ply"], glob.Select(r => Path.GetFileName(r.Input)));
        Assert.Equal(["d.csv"], BatchManifest.Read(Path.Combine(_dir, "s", "?.csv")).Select(r => Path.GetFileName(r.Input)));
        Assert.Throws<InvalidInputException>(() => BatchManifest.Read(Path.Combine(_dir, "s", "*.stl")));
        Assert.Throws<InvalidInputException>(() => BatchManifest.Read(Path.Combine(_dir, "*", "a.ply")));
        Directory.CreateDirectory(Path.Combine(_dir, "empty"));
        Assert.Throws<InvalidInputException>(() => BatchManifest.Read(Path.Combine(_dir, "empty")));
    }

    [Fact]
    public void OptionsTextSplitsAsAShellWould()
    {
        Assert.Equal(["--levels", "0,±0.01", "--network", "a b", "it's", "x\"y"], CommandWords.Split("  --levels 0,±0.01 --network 'a b' it\\'s \"x\\\"y\"", "m"));
        Assert.Empty(CommandWords.Split("   ", "m"));
        Assert.Throws<InvalidInputException>(() => CommandWords.Split("--levels \"0", "m"));
    }
}
