using Nlset.Geometry;

namespace Nlset.Classification.Data;

/// <summary>
/// Loads MNIST, Fashion-MNIST (IDX, raw or .gz) or CIFAR-10 (binary batches) from a folder, downloading missing files
/// first unless told not to. Where files are missing and cannot be fetched it fails with one line listing the files
/// expected and where to put them (an <see cref="InvalidInputException"/>: exit code 2).
/// </summary>
public static class DatasetLoader
{
    public static DatasetSplit Load(DatasetRequest request, IProgress<DownloadProgress>? progress = null, CancellationToken cancel = default)
    {
        if (File.Exists(request.DataDirectory))
            throw InvalidInputException.ForSetting(nameof(DatasetRequest.DataDirectory), name => $"{name} {request.DataDirectory} is a file, not a folder");
        if (request.TestSplit is < 1) throw InvalidInputException.ForSetting(nameof(DatasetRequest.TestSplit), name => $"{name} must be at least 1, got {request.TestSplit}");
        return request.Dataset == DatasetName.Cifar10 ? LoadCifar(request, progress, cancel) : LoadIdx(request, progress, cancel);
    }

    // ---- MNIST and Fashion-MNIST -------------------------------------------------------------------------------------

    static DatasetSplit LoadIdx(DatasetRequest request, IProgress<DownloadProgress>? progress, CancellationToken cancel)
    {
        var key = DatasetCatalog.KeyOf(request.Dataset);
        string[] folders = [request.DataDirectory, Path.Combine(request.DataDirectory, key)];
        var needed = request.TestSplit is null
            ? new[] { DatasetCatalog.TrainImages, DatasetCatalog.TrainLabels, DatasetCatalog.TestImages, DatasetCatalog.TestLabels }
            : [DatasetCatalog.TrainImages, DatasetCatalog.TrainLabels];

        if (FindAll(folders, needed, IdxNames) is { } found) return ReadIdx(found, request.TestSplit);
        // A single images/labels pair without a split (mnist-10k).
        if (FindAll(folders, [DatasetCatalog.PairImages, DatasetCatalog.PairLabels], IdxNames) is { } pair)
        {
            if (request.TestSplit is not { } testCount)
                throw InvalidInputException.ForSetting(nameof(DatasetRequest.TestSplit), name =>
                    $"{Path.GetDirectoryName(pair[0])} holds one images/labels pair without a test set: pass {name} N (the last N images are then the test set)");
            return DatasetSplit.LastForTesting(ReadIdxPair(pair[0], pair[1]), testCount);
        }

        var missing = needed.Where(n => Find(folders, n, IdxNames) is null).ToArray();
        var download = Path.Combine(request.DataDirectory, key);
        var failure = TryDownload(request, missing.Select(n => n + ".gz").ToArray(), download, progress, cancel);
        if (failure is null && FindAll(folders, needed, IdxNames) is { } fetched) return ReadIdx(fetched, request.TestSplit);
        throw Missing(request, key, missing.Select(n => n + "[.gz]"), folders, failure);
    }

    static IEnumerable<string> IdxNames(string name) => [name, name + ".gz"];

    static DatasetSplit ReadIdx(string[] files, int? testSplit)
    {
        var train = ReadIdxPair(files[0], files[1]);
        return testSplit is { } testCount ? DatasetSplit.LastForTesting(train, testCount) : new DatasetSplit(train, ReadIdxPair(files[2], files[3]));
    }

    /// <summary>One IDX images file [N, H, W] and its labels file [N] as a single-channel <see cref="ImageSet"/>.</summary>
    public static ImageSet ReadIdxPair(string imagesPath, string labelsPath)
    {
        var images = IdxFile.ReadImages(imagesPath);
        var labels = IdxFile.ReadLabels(labelsPath);
        var n = images.Dimensions[0];
        if (labels.Dimensions[0] != n)
            throw new DatasetFileException(labelsPath, $"{labels.Dimensions[0]} labels for the {n} images of {Path.GetFileName(imagesPath)}");
        if (n > 0 && (images.Dimensions[1] == 0 || images.Dimensions[2] == 0))
            throw new DatasetFileException(imagesPath, $"images of size {images.Dimensions[1]}x{images.Dimensions[2]}");
        if (n == 0) throw new DatasetFileException(imagesPath, "holds no images");
        for (var i = 0; i < n; i++)
            if (labels.Data[i] > 9)
                throw new DatasetFileException(labelsPath, $"label {i} is {labels.Data[i]}, expected 0–9");
        return new ImageSet(images.Data, labels.Data, 1, images.Dimensions[1], images.Dimensions[2],
            $"{Path.GetFileName(imagesPath)} in {Path.GetDirectoryName(Path.GetFullPath(imagesPath))}");
    }

    // ---- CIFAR-10 ----------------------------------------------------------------------------------------------------

    static DatasetSplit LoadCifar(DatasetRequest request, IProgress<DownloadProgress>? progress, CancellationToken cancel)
    {
        var d = request.DataDirectory;
        var home = Path.Combine(d, DatasetCatalog.KeyOf(DatasetName.Cifar10));
        string[] folders = [d, Path.Combine(d, DatasetCatalog.CifarFolder), home, Path.Combine(home, DatasetCatalog.CifarFolder)];
        var needed = request.TestSplit is null ? [.. DatasetCatalog.CifarTrainBatches, DatasetCatalog.CifarTestBatch] : DatasetCatalog.CifarTrainBatches;

        if (FindAll(folders, needed, n => [n]) is not { } found)
        {
            var missing = needed.Where(n => Find(folders, n, m => [m]) is null).ToArray();
            var failure = TryDownload(request, [DatasetCatalog.CifarArchive], home, progress, cancel);
            if (failure is null)
            {
                var archive = Path.Combine(home, DatasetCatalog.CifarArchive);
                DatasetDownloader.ExtractTarGz(archive, Path.Combine(home, DatasetCatalog.CifarFolder),
                    [.. DatasetCatalog.CifarTrainBatches, DatasetCatalog.CifarTestBatch]);
                File.Delete(archive);
            }
            found = failure is null ? FindAll(folders, needed, n => [n]) : null;
            if (found is null) throw Missing(request, DatasetCatalog.KeyOf(DatasetName.Cifar10), missing, folders, failure);
        }
        var train = ReadCifar(found.Take(DatasetCatalog.CifarTrainBatches.Length).ToArray());
        return request.TestSplit is { } testCount
            ? DatasetSplit.LastForTesting(train, testCount)
            : new DatasetSplit(train, ReadCifar([found[^1]]));
    }

    static ImageSet ReadCifar(string[] batches)
    {
        var parts = batches.Select(CifarBatchFile.Read).ToArray();
        var pixels = parts.SelectMany(p => p.Pixels).ToArray();
        var labels = parts.SelectMany(p => p.Labels).ToArray();
        var source = batches.Length == 1 ? Path.GetFileName(batches[0]) : $"{Path.GetFileName(batches[0])}..{Path.GetFileName(batches[^1])}";
        return new ImageSet(pixels, labels, CifarBatchFile.Channels, CifarBatchFile.Side, CifarBatchFile.Side,
            $"{source} in {Path.GetDirectoryName(Path.GetFullPath(batches[0]))}");
    }

    // ---- finding and fetching ----------------------------------------------------------------------------------------

    static string? Find(string[] folders, string name, Func<string, IEnumerable<string>> spellings) =>
        folders.SelectMany(f => spellings(name).Select(s => Path.Combine(f, s))).FirstOrDefault(File.Exists);

    /// <summary>Every name found (all in one folder is not required), or null if any is missing.</summary>
    static string[]? FindAll(string[] folders, IReadOnlyList<string> names, Func<string, IEnumerable<string>> spellings)
    {
        var paths = names.Select(n => Find(folders, n, spellings)).ToArray();
        return paths.All(p => p is not null) ? paths.Select(p => p!).ToArray() : null;
    }

    /// <summary>Downloads the files into <paramref name="folder"/>; returns null on success, else the reason it failed.</summary>
    static SettingWording? TryDownload(DatasetRequest request, string[] files, string folder, IProgress<DownloadProgress>? progress, CancellationToken cancel)
    {
        if (!request.Download) return nameOf => $"downloading is off ({nameOf(nameof(DatasetRequest.Download))})";
        var location = request.Mirror ?? DatasetCatalog.StandardLocation(request.Dataset);
        if (!location.AbsoluteUri.EndsWith('/')) location = new Uri(location.AbsoluteUri + "/");
        using var downloader = new DatasetDownloader();
        try
        {
            foreach (var file in files) downloader.Download(new Uri(location, file), Path.Combine(folder, file), progress, cancel);
            return null;
        }
        catch (DownloadFailedException e)
        {
            // Leave no empty dataset folder behind from a download that never started.
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
            var reason = e.Message;
            return _ => reason;
        }
    }

    static InvalidInputException Missing(DatasetRequest request, string key, IEnumerable<string> missing, string[] folders, SettingWording? failure)
    {
        var location = request.Mirror ?? DatasetCatalog.StandardLocation(request.Dataset);
        var source = request.Dataset == DatasetName.Cifar10
            ? $"{DatasetCatalog.CifarArchive} from {location}, unpacked"
            : $"from {location}";
        SettingWording wording = nameOf =>
            $"{key}: {string.Join(", ", missing)} not found in {string.Join(", ", folders[..^1])} or {folders[^1]}; {failure?.Invoke(nameOf)}. " +
            $"Put the files in {Path.Combine(request.DataDirectory, key)} ({source}) or point {nameOf(nameof(DatasetRequest.DataDirectory))} at them";
        return new InvalidInputException(wording(SettingNames.Library)).WordedWith(wording);
    }
}
