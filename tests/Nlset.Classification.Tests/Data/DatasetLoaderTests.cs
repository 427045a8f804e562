using Nlset.Classification.Data;
using Nlset.Geometry;

namespace Nlset.Classification.Tests.Data;

public sealed class DatasetLoaderTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nlset-datasets-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static readonly DatasetRequest Offline = new() { DataDirectory = "", Download = false };

    [Fact]
    public void StandardMnistFilesGiveTrainAndTest()
    {
        TinyDatasetFiles.WriteIdxPair(_dir, DatasetCatalog.TrainImages, DatasetCatalog.TrainLabels, 12, gzip: true);
        TinyDatasetFiles.WriteIdxPair(_dir, DatasetCatalog.TestImages, DatasetCatalog.TestLabels, 5, gzip: false, labelOffset: 3);
        var split = DatasetLoader.Load(Offline with { DataDirectory = _dir });
        Assert.Equal((12, 5), (split.Train.Count, split.Test.Count));
        Assert.Equal((1, 28, 28), (split.Train.Channels, split.Train.Height, split.Train.Width));
        Assert.Equal(3, split.Test.Label(0));
        var (images, labels) = split.Train.ToTensors();
        Assert.Equal([12L, 1, 28, 28], images.shape);
        Assert.Equal(TorchSharp.torch.ScalarType.Int64, labels.dtype);
        // Pixel p of image i is (7i + p) mod 256, scaled to [0, 1].
        Assert.Equal((7 * 2 + 30) / 255f, images[2, 0, 1, 2].item<float>(), 6);
        Assert.Equal(5L, labels[5].item<long>());
    }

    [Fact]
    public void FilesInTheDatasetSubfolderAreFound()
    {
        var folder = Path.Combine(_dir, "fashion-mnist");
        TinyDatasetFiles.WriteIdxPair(folder, DatasetCatalog.TrainImages, DatasetCatalog.TrainLabels, 6, gzip: true);
        TinyDatasetFiles.WriteIdxPair(folder, DatasetCatalog.TestImages, DatasetCatalog.TestLabels, 4, gzip: true);
        var split = DatasetLoader.Load(Offline with { DataDirectory = _dir, Dataset = DatasetName.FashionMnist });
        Assert.Equal((6, 4), (split.Train.Count, split.Test.Count));
    }

    [Fact]
    public void OnePairNeedsATestSplitAndTheLastImagesTest()
    {
        TinyDatasetFiles.WriteIdxPair(_dir, DatasetCatalog.PairImages, DatasetCatalog.PairLabels, 10, gzip: true);
        var e = Assert.Throws<InvalidInputException>(() => DatasetLoader.Load(Offline with { DataDirectory = _dir }));
        Assert.Contains("pass TestSplit N", e.Message);

        var split = DatasetLoader.Load(Offline with { DataDirectory = _dir, TestSplit = 3 });
        Assert.Equal((7, 3), (split.Train.Count, split.Test.Count));
        Assert.Equal(7, split.Test.Label(0));          // labels are i mod 10: the test set starts at image 7
        Assert.Equal(split.Test.Pixels(0).ToArray(), DatasetLoader.ReadIdxPair(
            Path.Combine(_dir, DatasetCatalog.PairImages + ".gz"), Path.Combine(_dir, DatasetCatalog.PairLabels + ".gz")).Pixels(7).ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void TestSplitMustLeaveImagesOnBothSides(int testSplit)
    {
        TinyDatasetFiles.WriteIdxPair(_dir, DatasetCatalog.PairImages, DatasetCatalog.PairLabels, 10, gzip: false);
        Assert.Throws<InvalidInputException>(() => DatasetLoader.Load(Offline with { DataDirectory = _dir, TestSplit = testSplit }));
    }

    [Fact]
    public void LabelCountMismatchNamesTheLabelsFile()
    {
        var (images, _) = TinyDatasetFiles.MnistLike(5);
        File.WriteAllBytes(Path.Combine(_dir, DatasetCatalog.PairImages), images);
        File.WriteAllBytes(Path.Combine(_dir, DatasetCatalog.PairLabels), TinyDatasetFiles.Idx([4], [1, 2, 3, 4]));
        var e = Assert.Throws<DatasetFileException>(() => DatasetLoader.Load(Offline with { DataDirectory = _dir, TestSplit = 1 }));
        Assert.Contains("4 labels for the 5 images", e.Message);
    }

    [Fact]
    public void LabelAboveNineIsRefused()
    {
        var (images, _) = TinyDatasetFiles.MnistLike(2);
        File.WriteAllBytes(Path.Combine(_dir, DatasetCatalog.PairImages), images);
        File.WriteAllBytes(Path.Combine(_dir, DatasetCatalog.PairLabels), TinyDatasetFiles.Idx([2], [1, 12]));
        Assert.Contains("label 1 is 12", Assert.Throws<DatasetFileException>(() => DatasetLoader.Load(Offline with { DataDirectory = _dir, TestSplit = 1 })).Message);
    }

    [Fact]
    public void MissingFilesWithoutDownloadListWhatIsExpectedAndWhere()
    {
        var e = Assert.Throws<InvalidInputException>(() => DatasetLoader.Load(Offline with { DataDirectory = _dir }));
        foreach (var name in new[] { DatasetCatalog.TrainImages, DatasetCatalog.TrainLabels, DatasetCatalog.TestImages, DatasetCatalog.TestLabels })
            Assert.Contains(name + "[.gz]", e.Message);
        Assert.Contains(Path.Combine(_dir, "mnist"), e.Message);
        Assert.Contains("downloading is off (Download)", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void DownloadsMissingFilesFromAMirror()
    {
        var files = new Dictionary<string, byte[]>();
        foreach (var (name, n) in new[] { (DatasetCatalog.TrainImages, 9), (DatasetCatalog.TestImages, 4) })
        {
            var (images, labels) = TinyDatasetFiles.MnistLike(n);
            files[name + ".gz"] = TinyDatasetFiles.Gzip(images);
            files[name.Replace("images-idx3", "labels-idx1") + ".gz"] = TinyDatasetFiles.Gzip(labels);
        }
        using var server = new LocalFileServer(files);
        var reports = new List<DownloadProgress>();
        var split = DatasetLoader.Load(new DatasetRequest { DataDirectory = _dir, Mirror = server.BaseAddress }, new ListProgress(reports));
        Assert.Equal((9, 4), (split.Train.Count, split.Test.Count));
        Assert.Equal(4, server.Requests);
        Assert.True(File.Exists(Path.Combine(_dir, "mnist", DatasetCatalog.TrainImages + ".gz")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "mnist"), "*.partial"));
        var last = reports.Last(r => r.File == DatasetCatalog.TestLabels + ".gz");
        Assert.Equal(last.TotalBytes, last.Bytes);

        // A second load finds the files and does not download again.
        DatasetLoader.Load(new DatasetRequest { DataDirectory = _dir, Mirror = server.BaseAddress });
        Assert.Equal(4, server.Requests);
    }

    [Fact]
    public void FailedDownloadIsOneLineNamingFilesAndPlace()
    {
        var e = Assert.Throws<InvalidInputException>(() =>
            DatasetLoader.Load(new DatasetRequest { DataDirectory = _dir, Mirror = LocalFileServer.Refusing(), TestSplit = 100 }));
        Assert.Contains(DatasetCatalog.TrainImages + "[.gz]", e.Message);
        Assert.DoesNotContain(DatasetCatalog.TestImages, e.Message);     // with --test-split the test files are not needed
        Assert.Contains("downloading http://127.0.0.1", e.Message);
        Assert.Contains($"Put the files in {Path.Combine(_dir, "mnist")}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Empty(Directory.EnumerateFiles(_dir, "*.partial", SearchOption.AllDirectories));
    }

    [Fact]
    public void MissingFileOnTheServerIsReported()
    {
        using var server = new LocalFileServer([]);
        var e = Assert.Throws<InvalidInputException>(() => DatasetLoader.Load(new DatasetRequest { DataDirectory = _dir, Mirror = server.BaseAddress }));
        Assert.Contains("HTTP 404", e.Message);
    }

    [Fact]
    public void CifarBatchesAreReadFromTheirFolder()
    {
        var folder = Path.Combine(_dir, DatasetCatalog.CifarFolder);
        Directory.CreateDirectory(folder);
        for (var b = 1; b <= 5; b++) File.WriteAllBytes(Path.Combine(folder, $"data_batch_{b}.bin"), TinyDatasetFiles.CifarBatch(2, b));
        File.WriteAllBytes(Path.Combine(folder, "test_batch.bin"), TinyDatasetFiles.CifarBatch(3));
        var split = DatasetLoader.Load(Offline with { DataDirectory = _dir, Dataset = DatasetName.Cifar10 });
        Assert.Equal((10, 3), (split.Train.Count, split.Test.Count));
        Assert.Equal((3, 32, 32), (split.Train.Channels, split.Train.Height, split.Train.Width));
        Assert.Equal([1, 2, 2, 3, 3, 4, 4, 5, 5, 6], split.Train.Labels.ToArray());
        var (images, _) = split.Test.ToTensors();
        Assert.Equal([3L, 3, 32, 32], images.shape);
        Assert.Equal(((1 + 1024 + 32 + 5) % 256) / 255f, images[1, 1, 1, 5].item<float>(), 6);   // green plane, row 1, column 5
    }

    [Fact]
    public void CifarArchiveIsDownloadedAndUnpacked()
    {
        using var server = new LocalFileServer(new() { [DatasetCatalog.CifarArchive] = TinyDatasetFiles.CifarArchive(2) });
        var split = DatasetLoader.Load(new DatasetRequest { DataDirectory = _dir, Dataset = DatasetName.Cifar10, Mirror = server.BaseAddress });
        Assert.Equal((10, 2), (split.Train.Count, split.Test.Count));
        Assert.Equal(7, split.Test.Label(0));
        var home = Path.Combine(_dir, "cifar10");
        Assert.False(File.Exists(Path.Combine(home, DatasetCatalog.CifarArchive)));
        Assert.Equal(6, Directory.GetFiles(Path.Combine(home, DatasetCatalog.CifarFolder)).Length);
    }

    [Fact]
    public void TruncatedCifarBatchIsReportedByName()
    {
        for (var b = 1; b <= 5; b++) File.WriteAllBytes(Path.Combine(_dir, $"data_batch_{b}.bin"), TinyDatasetFiles.CifarBatch(1));
        File.WriteAllBytes(Path.Combine(_dir, "data_batch_3.bin"), TinyDatasetFiles.CifarBatch(2)[..5000]);
        var e = Assert.Throws<DatasetFileException>(() => DatasetLoader.Load(Offline with { DataDirectory = _dir, Dataset = DatasetName.Cifar10, TestSplit = 1 }));
        Assert.Contains("data_batch_3.bin", e.Message);
    }

    sealed class ListProgress(List<DownloadProgress> list) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => list.Add(value);
    }
}
