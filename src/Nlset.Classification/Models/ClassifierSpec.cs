using System.Globalization;
using Nlset.Geometry;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Models;

/// <summary>Which small binary classifier (<see cref="SmallMlp"/> or <see cref="SmallConvNet"/>).</summary>
public enum ClassifierKind
{
    Mlp,
    Cnn,
}

/// <summary>
/// Everything needed to rebuild a binary classifier F: R^{C×H×W} → R (one output, sign = class): its kind, input shape
/// and layer widths. Saved with the weights. Text form: <c>mlp,in=1x28x28,hidden=128x128</c> or
/// <c>cnn,in=3x32x32,conv=16x32,fc=64</c>; <see cref="ToString"/> writes every field and parses back equal.
/// </summary>
public sealed record ClassifierSpec(ClassifierKind Kind, int Channels, int Height, int Width, IReadOnlyList<int> Widths)
{
    /// <summary>Keeps a mistyped spec from allocating gigabytes.</summary>
    public const int MaxWidth = 1 << 14;

    /// <summary>The defaults for an input shape: MLP 2 × 128 hidden; CNN 16 and 32 channels of 5 × 5, then 64 units.</summary>
    public static ClassifierSpec Default(ClassifierKind kind, int channels, int height, int width) =>
        new ClassifierSpec(kind, channels, height, width, kind == ClassifierKind.Mlp ? new[] { 128, 128 } : new[] { 16, 32, 64 }).Validated();

    /// <summary>Input values per example, C·H·W.</summary>
    public int InputSize => Channels * Height * Width;

    public ClassifierSpec Validated()
    {
        if (Channels < 1 || Height < 1 || Width < 1 || (long)Channels * Height * Width > 1 << 24)
            throw new InvalidInputException($"classifier input {Channels}x{Height}x{Width} is not a usable image shape");
        if (Widths.Any(w => w < 1 || w > MaxWidth))
            throw new InvalidInputException($"classifier layer widths must be 1..{MaxWidth}, got {string.Join("x", Widths)}");
        if (Kind == ClassifierKind.Mlp && Widths.Count < 1)
            throw new InvalidInputException("an MLP classifier needs at least one hidden layer");
        if (Kind == ClassifierKind.Cnn)
        {
            if (Widths.Count != 3) throw new InvalidInputException("a CNN classifier has two convolutions and one hidden fully connected layer (conv=AxB,fc=C)");
            if (Height < 4 || Width < 4) throw new InvalidInputException($"a CNN classifier needs images of at least 4x4, got {Height}x{Width}");
        }
        return this;
    }

    /// <summary>A new network with TorchSharp's default (PyTorch) initialisation, from torch's global generator.</summary>
    public nn.Module<Tensor, Tensor> Create() => Kind == ClassifierKind.Mlp ? new SmallMlp(this) : new SmallConvNet(this);

    /// <summary>Number of weights and biases, computed from the spec (no allocation, so a damaged file header cannot make it build a huge network).</summary>
    public long ParameterCount
    {
        get
        {
            if (Kind == ClassifierKind.Mlp)
            {
                var sizes = new long[] { InputSize }.Concat(Widths.Select(w => (long)w)).Append(1).ToArray();
                return sizes.Zip(sizes.Skip(1), (i, o) => i * o + o).Sum();
            }
            long c1 = Widths[0], c2 = Widths[1], fc = Widths[2];
            return Channels * c1 * 25 + c1 + c1 * c2 * 25 + c2 + c2 * (Height / 4) * (Width / 4) * fc + fc + fc + 1;
        }
    }

    public override string ToString() => Kind == ClassifierKind.Mlp
        ? $"mlp,in={Channels}x{Height}x{Width},hidden={string.Join("x", Widths)}"
        : $"cnn,in={Channels}x{Height}x{Width},conv={Widths[0]}x{Widths[1]},fc={Widths[2]}";

    public static ClassifierSpec Parse(string text)
    {
        var tokens = text.Split(',', StringSplitOptions.TrimEntries);
        var kind = tokens[0].ToLowerInvariant() switch
        {
            "mlp" => ClassifierKind.Mlp,
            "cnn" => ClassifierKind.Cnn,
            _ => throw Bad(text, $"'{tokens[0]}' is not mlp or cnn"),
        };
        int[]? input = null, hidden = null, conv = null, fc = null;
        foreach (var token in tokens.Skip(1))
        {
            var eq = token.IndexOf('=');
            if (eq < 0) throw Bad(text, $"'{token}' is not key=value");
            var values = Ints(token[(eq + 1)..], text);
            switch (token[..eq].ToLowerInvariant())
            {
                case "in": input = values.Length == 3 ? values : throw Bad(text, "in= takes CxHxW"); break;
                case "hidden": hidden = values; break;
                case "conv": conv = values.Length == 2 ? values : throw Bad(text, "conv= takes two channel counts AxB"); break;
                case "fc": fc = values.Length == 1 ? values : throw Bad(text, "fc= takes one width"); break;
                default: throw Bad(text, $"unknown key '{token[..eq]}'");
            }
        }
        if (input is null) throw Bad(text, "in=CxHxW is missing");
        var defaults = Default(kind, input[0], input[1], input[2]);
        IReadOnlyList<int> widths = kind == ClassifierKind.Mlp
            ? hidden ?? defaults.Widths.ToArray()
            : [.. conv ?? [defaults.Widths[0], defaults.Widths[1]], .. fc ?? [defaults.Widths[2]]];
        if (kind == ClassifierKind.Mlp && (conv is not null || fc is not null)) throw Bad(text, "conv= and fc= are for cnn");
        if (kind == ClassifierKind.Cnn && hidden is not null) throw Bad(text, "hidden= is for mlp");
        return new ClassifierSpec(kind, input[0], input[1], input[2], widths).Validated();
    }

    static int[] Ints(string text, string whole) => text.Split('x', 'X').Select(t =>
        int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(whole, $"'{t}' is not a whole number")).ToArray();

    static InvalidInputException Bad(string text, string why) => new($"classifier spec '{text}': {why}");

    public bool Equals(ClassifierSpec? other) => other is not null && Kind == other.Kind && Channels == other.Channels
        && Height == other.Height && Width == other.Width && Widths.SequenceEqual(other.Widths);

    public override int GetHashCode() => HashCode.Combine(Kind, Channels, Height, Width, Widths.Count > 0 ? Widths[0] : 0);
}
