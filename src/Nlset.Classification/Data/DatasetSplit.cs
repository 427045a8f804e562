namespace Nlset.Classification.Data;

/// <summary>A dataset's training and test images.</summary>
public sealed record DatasetSplit(ImageSet Train, ImageSet Test)
{
    /// <summary>
    /// A fixed split of one set: the first Count − <paramref name="testCount"/> images train, the last
    /// <paramref name="testCount"/> test (e.g. ../shared/data/mnist-10k, which is one shuffled pair: --test-split 2000).
    /// </summary>
    public static DatasetSplit LastForTesting(ImageSet images, int testCount)
    {
        if (testCount < 1 || testCount >= images.Count)
            throw Nlset.Geometry.InvalidInputException.ForSetting(nameof(DatasetRequest.TestSplit), name =>
                $"{name} {testCount}: must leave at least one image on each side of the {images.Count} in {images.Source}");
        return new DatasetSplit(images.Range(0, images.Count - testCount), images.Range(images.Count - testCount, testCount));
    }
}
