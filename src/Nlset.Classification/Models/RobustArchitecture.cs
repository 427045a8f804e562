using Nlset.Classification.Data;
using Nlset.Geometry;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Models;

/// <summary>The ten-class networks of the paper's robustness experiment (Table 1).</summary>
public enum RobustArchitecture
{
    ConvNet4a,
    ConvNet4b,
    ResNet18,
    /// <summary>TRADES' SmallCNN: ConvNet-4a with ReLUs in its head (nlset's "convnet4a" before the authors' linear head was found).</summary>
    SmallCnn,
}

/// <summary>Names, input shapes and construction of the <see cref="RobustArchitecture"/>s.</summary>
public static class RobustArchitectures
{
    public static string Key(this RobustArchitecture a) => a switch
    {
        RobustArchitecture.ConvNet4a => "convnet4a",
        RobustArchitecture.ConvNet4b => "convnet4b",
        RobustArchitecture.ResNet18 => "resnet18",
        RobustArchitecture.SmallCnn => "smallcnn",
        _ => throw new ArgumentOutOfRangeException(nameof(a)),
    };

    public static RobustArchitecture Parse(string text) => text.Trim().ToLowerInvariant().Replace("-", "").Replace("_", "") switch
    {
        "convnet4a" => RobustArchitecture.ConvNet4a,
        "convnet4b" => RobustArchitecture.ConvNet4b,
        "resnet18" => RobustArchitecture.ResNet18,
        "smallcnn" => RobustArchitecture.SmallCnn,
        _ => throw new InvalidInputException($"unknown architecture '{text}' (expected convnet4a, convnet4b, resnet18 or smallcnn)"),
    };

    /// <summary>The paper's network for a dataset: ConvNet-4a for MNIST-style 28 × 28 grey images, ConvNet-4b for CIFAR-10.</summary>
    public static RobustArchitecture DefaultFor(DatasetName dataset) =>
        dataset == DatasetName.Cifar10 ? RobustArchitecture.ConvNet4b : RobustArchitecture.ConvNet4a;

    /// <summary>The image shape (C, H, W) the network takes.</summary>
    public static (int Channels, int Height, int Width) InputShape(this RobustArchitecture a) =>
        a is RobustArchitecture.ConvNet4a or RobustArchitecture.SmallCnn ? (1, 28, 28) : (3, 32, 32);

    /// <summary>A new network with its reference initialisation, drawn from torch's global generator.</summary>
    public static nn.Module<Tensor, Tensor> Create(this RobustArchitecture a) => a switch
    {
        RobustArchitecture.ConvNet4a => new ConvNet4a(),
        RobustArchitecture.ConvNet4b => new ConvNet4b(),
        RobustArchitecture.ResNet18 => new ResNet18(),
        RobustArchitecture.SmallCnn => new SmallCnn(),
        _ => throw new ArgumentOutOfRangeException(nameof(a)),
    };

    /// <summary>Refuses a dataset whose images the network cannot take (e.g. ConvNet-4a on CIFAR-10).</summary>
    public static void CheckFits(this RobustArchitecture a, ImageSet images)
    {
        var (c, h, w) = a.InputShape();
        if (images.Channels != c || images.Height != h || images.Width != w)
            throw InvalidInputException.ForSetting(nameof(Robust.RobustTrainingSettings.Architecture), name =>
                $"{a.Key()} takes {c}x{h}x{w} images but {images.Source} holds {images.Channels}x{images.Height}x{images.Width} (use {name} {(c == 1 ? "convnet4b or resnet18" : "convnet4a or smallcnn")})");
    }
}
