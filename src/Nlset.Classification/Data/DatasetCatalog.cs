using Nlset.Geometry;

namespace Nlset.Classification.Data;

/// <summary>
/// Where each dataset's standard files are named and published. MNIST and Fashion-MNIST are four gzip IDX files
/// each; CIFAR-10's binary version is one tar.gz holding cifar-10-batches-bin/data_batch_1..5.bin and test_batch.bin.
/// </summary>
public static class DatasetCatalog
{
    public const string TrainImages = "train-images-idx3-ubyte", TrainLabels = "train-labels-idx1-ubyte",
        TestImages = "t10k-images-idx3-ubyte", TestLabels = "t10k-labels-idx1-ubyte";
    /// <summary>One images/labels pair without a train/test split (../shared/data/mnist-10k): needs --test-split.</summary>
    public const string PairImages = "images-idx3-ubyte", PairLabels = "labels-idx1-ubyte";

    public static readonly string[] CifarTrainBatches = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];
    public const string CifarTestBatch = "test_batch.bin";
    public const string CifarArchive = "cifar-10-binary.tar.gz";
    public const string CifarFolder = "cifar-10-batches-bin";

    /// <summary>The name used on the command line and as the download subfolder: mnist, fashion-mnist, cifar10.</summary>
    public static string KeyOf(DatasetName name) => name switch
    {
        DatasetName.Mnist => "mnist",
        DatasetName.FashionMnist => "fashion-mnist",
        DatasetName.Cifar10 => "cifar10",
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static DatasetName Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "mnist" => DatasetName.Mnist,
        "fashion-mnist" or "fashion_mnist" or "fashionmnist" or "fmnist" => DatasetName.FashionMnist,
        "cifar10" or "cifar-10" => DatasetName.Cifar10,
        _ => throw new InvalidInputException($"unknown dataset '{text}' (expected mnist, fashion-mnist or cifar10)"),
    };

    /// <summary>The standard download location of the dataset's files (a folder; file names are appended).</summary>
    public static Uri StandardLocation(DatasetName name) => name switch
    {
        // yann.lecun.com refuses automated downloads; torchvision uses this mirror of the same files.
        DatasetName.Mnist => new Uri("https://ossci-datasets.s3.amazonaws.com/mnist/"),
        DatasetName.FashionMnist => new Uri("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
        DatasetName.Cifar10 => new Uri("https://www.cs.toronto.edu/~kriz/"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>The files to download for a dataset: for MNIST-style sets the .gz of each IDX file, for CIFAR-10 its archive.</summary>
    public static IReadOnlyList<string> DownloadFiles(DatasetName name, bool trainOnly) => name == DatasetName.Cifar10
        ? [CifarArchive]
        : trainOnly ? [TrainImages + ".gz", TrainLabels + ".gz"] : [TrainImages + ".gz", TrainLabels + ".gz", TestImages + ".gz", TestLabels + ".gz"];
}
