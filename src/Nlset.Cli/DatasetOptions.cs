using System.CommandLine;
using Nlset.Classification.Data;

namespace Nlset.Cli;

/// <summary>
/// Which dataset a classifier command reads and from where: --dataset, --data-dir, --test-split and --no-download,
/// declared here once. The training commands default to MNIST in the cache folder; eval-robust leaves them open, to be
/// taken from the checkpoint. Each command puts the options where its help lists them.
/// </summary>
public sealed class DatasetOptions
{
    public Option<string?> Dataset { get; }
    public Option<string?> DataDirectory { get; }
    public Option<int?> TestSplit { get; }
    public Option<bool> NoDownload { get; } = new("--no-download") { Description = "Never download; fail if files are missing" };

    DatasetOptions(Option<string?> dataset, Option<string?> dataDirectory, Option<int?> testSplit) =>
        (Dataset, DataDirectory, TestSplit) = (dataset, dataDirectory, testSplit);

    /// <summary>The training commands': MNIST in the cache folder unless told otherwise.</summary>
    /// <param name="testSplitHelp">What --test-split's help adds in brackets (when a split is needed).</param>
    public static DatasetOptions ForTraining(string testSplitHelp) => new(
        new Option<string?>("--dataset") { Description = "mnist, fashion-mnist or cifar10", DefaultValueFactory = _ => "mnist" },
        new Option<string?>("--data-dir")
        {
            Description = "Folder with the dataset's standard files (or a subfolder named after the dataset); missing files are downloaded there",
            DefaultValueFactory = _ => DatasetRequest.DefaultDataDirectory(),
            HelpName = "DIR",
        },
        new Option<int?>("--test-split") { Description = $"Use the last N training images as the test set ({testSplitHelp})", HelpName = "N" });

    /// <summary>eval-robust's: unset values are the checkpoint's.</summary>
    public static DatasetOptions ForEvaluation() => new(
        new Option<string?>("--dataset") { Description = "mnist, fashion-mnist or cifar10 [default: the checkpoint's; mnist for .pth]", HelpName = "NAME" },
        new Option<string?>("--data-dir") { Description = "Folder with the dataset's files [default: the checkpoint's, else the cache folder]", HelpName = "DIR" },
        new Option<int?>("--test-split") { Description = "Use the last N training images as the test set [default: the checkpoint's]", HelpName = "N" });

    /// <summary>The options' values; an unknown dataset name is refused here.</summary>
    public DatasetChoice Read(ParseResult parse) => new(
        parse.GetValue(Dataset) is { } name ? DatasetCatalog.Parse(name) : null,
        parse.GetValue(DataDirectory) is { } dir ? Path.GetFullPath(dir) : null,
        parse.GetValue(TestSplit),
        !parse.GetValue(NoDownload));
}

/// <summary>The values of <see cref="DatasetOptions"/>; null where the option was left open (eval-robust).</summary>
public sealed record DatasetChoice(DatasetName? Dataset, string? DataDirectory, int? TestSplit, bool Download)
{
    /// <summary>The request of a training command, whose options all have defaults.</summary>
    public DatasetRequest Request(Uri? mirror = null) => new()
    {
        Dataset = Dataset ?? throw new InvalidOperationException("no dataset chosen"),
        DataDirectory = DataDirectory ?? throw new InvalidOperationException("no data folder chosen"),
        TestSplit = TestSplit,
        Download = Download,
        Mirror = mirror,
    };
}
