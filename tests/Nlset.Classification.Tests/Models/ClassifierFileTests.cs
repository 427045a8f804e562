using Nlset.Classification.Models;
using Nlset.Core;
using TorchSharp;

namespace Nlset.Classification.Tests.Models;

public sealed class ClassifierFileTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nlset-cls-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("mlp,in=1x28x28,hidden=16")]
    [InlineData("cnn,in=3x32x32,conv=4x8,fc=8")]
    public void RoundTripsSpecMetadataAndScores(string text)
    {
        var spec = ClassifierSpec.Parse(text);
        using var model = spec.Create();
        var path = Path.Combine(_dir, "m.nlcls");
        ClassifierFile.Save(model, spec, path, "{\"loss\":\"hinge\"}");
        var (loaded, loadedSpec, metadata) = ClassifierFile.Load(path);
        using var _ = loaded;
        Assert.Equal(spec, loadedSpec);
        Assert.Equal("{\"loss\":\"hinge\"}", metadata);
        var x = torch.rand(3, spec.Channels, spec.Height, spec.Width);
        Assert.True(model.call(x).eq(loaded.call(x)).all().item<bool>());
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public void DamagedFilesAreClearErrors()
    {
        var spec = ClassifierSpec.Parse("mlp,in=1x4x4,hidden=8");
        using var model = spec.Create();
        var path = Path.Combine(_dir, "m.nlcls");
        ClassifierFile.Save(model, spec, path);
        var bytes = File.ReadAllBytes(path);

        string Error(byte[] content)
        {
            var damaged = Path.Combine(_dir, "damaged.nlcls");
            File.WriteAllBytes(damaged, content);
            var e = Assert.Throws<ModelFileException>(() => ClassifierFile.Load(damaged));
            Assert.Contains("damaged.nlcls", e.Message);
            return e.Message;
        }
        Assert.Contains("truncated", Error(bytes[..^10]));
        Assert.Contains("truncated", Error(bytes[..12]));
        Assert.Contains("bytes after the weights", Error([.. bytes, 0, 0]));
        Assert.Contains("not an nlset classifier file", Error("NLSETNET12345678"u8.ToArray()));
        var bigger = bytes.ToArray();
        var specAt = Array.IndexOf(bigger, (byte)'8', 13);          // hidden=8 → hidden=9: weights no longer fit
        bigger[specAt] = (byte)'9';
        Assert.Contains("mlp,in=1x4x4,hidden=9", Error(bigger));
        Assert.Contains("file not found", Assert.Throws<ModelFileException>(() => ClassifierFile.Load(Path.Combine(_dir, "none"))).Message);
    }
}
