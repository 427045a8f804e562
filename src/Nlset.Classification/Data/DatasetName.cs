namespace Nlset.Classification.Data;

/// <summary>The datasets of the paper's experiments (§5.1, §5.2).</summary>
public enum DatasetName
{
    Mnist,
    FashionMnist,
    Cifar10,
}
