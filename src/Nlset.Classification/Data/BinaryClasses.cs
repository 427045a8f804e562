using Nlset.Geometry;

namespace Nlset.Classification.Data;

/// <summary>
/// The ten labels merged into two classes (paper §5.1: "arbitrarily merged the labels into two classes"), written
/// "0,1,2,3,4:5,6,7,8,9": labels left of the colon are class −1, right of it class +1. Labels in neither group are
/// left out of training and testing (so "3:8" is 3 against 8).
/// </summary>
public sealed class BinaryClasses
{
    BinaryClasses(int[] negative, int[] positive)
    {
        Negative = negative;
        Positive = positive;
    }

    public IReadOnlyList<int> Negative { get; }
    public IReadOnlyList<int> Positive { get; }

    /// <summary>Default: 0–4 against 5–9.</summary>
    public static BinaryClasses LowAgainstHigh { get; } = new([0, 1, 2, 3, 4], [5, 6, 7, 8, 9]);

    public static BinaryClasses Parse(string text)
    {
        var groups = text.Split(':');
        if (groups.Length != 2)
            throw InvalidInputException.ForSetting("Classes", name => $"{name} '{text}': expected two groups of labels separated by ':' (e.g. 0,1,2,3,4:5,6,7,8,9)");
        var negative = ParseGroup(groups[0], text);
        var positive = ParseGroup(groups[1], text);
        var both = negative.Intersect(positive).ToArray();
        if (both.Length > 0) throw InvalidInputException.ForSetting("Classes", name => $"{name} '{text}': label {both[0]} is in both groups");
        return new BinaryClasses(negative, positive);
    }

    static int[] ParseGroup(string group, string text)
    {
        var labels = new List<int>();
        foreach (var token in group.Split(',', StringSplitOptions.TrimEntries))
        {
            if (token.Length != 1 || token[0] is < '0' or > '9')
                throw InvalidInputException.ForSetting("Classes", name => $"{name} '{text}': '{token}' is not a label 0–9");
            var label = token[0] - '0';
            if (labels.Contains(label)) throw InvalidInputException.ForSetting("Classes", name => $"{name} '{text}': label {label} is repeated");
            labels.Add(label);
        }
        return labels.Order().ToArray();
    }

    /// <summary>−1, +1, or 0 for a label in neither group.</summary>
    public int SignOf(int label) => Negative.Contains(label) ? -1 : Positive.Contains(label) ? 1 : 0;

    /// <summary>The examples of <paramref name="images"/> that belong to one of the two classes.</summary>
    public ImageSet Keep(ImageSet images)
    {
        if (Negative.Count + Positive.Count == 10) return images;
        var indices = new List<int>();
        for (var i = 0; i < images.Count; i++)
            if (SignOf(images.Label(i)) != 0) indices.Add(i);
        return images.Select(indices);
    }

    /// <summary>Binary labels ±1 (float32 [N]) of images whose labels all belong to a group.</summary>
    public TorchSharp.torch.Tensor SignsOf(ImageSet images, TorchSharp.torch.Device? device = null)
    {
        var signs = new float[images.Count];
        for (var i = 0; i < signs.Length; i++)
        {
            signs[i] = SignOf(images.Label(i));
            if (signs[i] == 0) throw new ArgumentException($"label {images.Label(i)} of image {i} is in neither class of {this}");
        }
        var t = TorchSharp.torch.tensor(signs);
        return device is null || device.type == TorchSharp.DeviceType.CPU ? t : t.to(device);
    }

    public override string ToString() => $"{string.Join(',', Negative)}:{string.Join(',', Positive)}";
}
