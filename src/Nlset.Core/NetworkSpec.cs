using System.Globalization;
using Nlset.Geometry;

namespace Nlset.Core;

/// <summary>
/// Everything needed to rebuild an <see cref="ImplicitNetwork"/>: input dimension d, hidden layers (depth) × width,
/// activation, outputs l (1: surface / classifier, 2: curve), the radius r of the initial sphere F ≈ ‖x‖ − r, and
/// whether the input is concatenated again at the middle layer. Saved with the weights so a result can be reproduced.
/// <para>Text form: <c>DEPTHxWIDTH[,TOKEN]...</c> with tokens <c>relu|softplus</c>, <c>in=D</c>, <c>out=L</c>,
/// <c>r=R</c>, <c>fourier=K</c>, <c>skip|noskip</c>; absent tokens take the defaults (relu, in=3, out=1, r=1, fourier=0, skip). "8x512" is the
/// paper's network; <see cref="ToString"/> writes every field, e.g. "8x512,relu,in=3,out=1,r=1", and parses back equal.</para>
/// </summary>
public sealed record NetworkSpec(
    int InputDim,
    int Depth,
    int Width,
    ImplicitActivation Activation = ImplicitActivation.ReLU,
    int Outputs = 1,
    double Radius = 1.0,
    bool Skip = true,
    int Frequencies = 0)
{
    /// <summary>Limits that keep a mistyped spec from allocating gigabytes.</summary>
    public const int MaxDepth = 128, MaxWidth = 1 << 16, MaxInputDim = 1 << 20, MaxFrequencies = 16;

    /// <summary>Width of the first layer's input: x itself, plus sin and cos of 2^k·π·x for k &lt; <see cref="Frequencies"/>.</summary>
    public int EncodedInputDim => InputDim * (1 + 2 * Frequencies);

    /// <summary>Index of the linear layer that receives [h, x] (layer depth/2), or −1 when there is no skip (depth &lt; 2 or noskip).</summary>
    public int SkipLayer => Skip && Depth >= 2 ? Depth / 2 : -1;

    /// <summary>(inputs, outputs) of each linear layer, layers.0 … layers.depth.</summary>
    public IReadOnlyList<(int Inputs, int Outputs)> LayerShapes()
    {
        var shapes = new (int, int)[Depth + 1];
        for (var i = 0; i <= Depth; i++)
        {
            var inputs = i == 0 ? EncodedInputDim : Width;
            var outputs = i == Depth ? Outputs : i + 1 == SkipLayer ? Width - InputDim : Width;
            shapes[i] = (inputs, outputs);
        }
        return shapes;
    }

    /// <summary>Number of weights and biases.</summary>
    public long ParameterCount => LayerShapes().Sum(s => (long)s.Inputs * s.Outputs + s.Outputs);

    /// <summary>
    /// As <see cref="Parse(string)"/>, but a text without an <c>r=</c> token gets <paramref name="defaultRadius"/> — the
    /// initial sphere that suits the caller's box — instead of 1.
    /// </summary>
    public static NetworkSpec Parse(string text, double defaultRadius)
    {
        var spec = Parse(text);
        bool hasRadius = text.Split(',').Skip(1).Any(t => t.Trim().StartsWith("r=", StringComparison.OrdinalIgnoreCase));
        return hasRadius ? spec : (spec with { Radius = defaultRadius }).Validated();
    }

    /// <summary>Parses the text form (see the type's summary); errors are <see cref="InvalidInputException"/>s naming the problem.</summary>
    public static NetworkSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = text.Split(',', StringSplitOptions.TrimEntries);
        var shape = tokens[0].Split('x', 'X');
        if (shape.Length != 2 || !TryInt(shape[0], out var depth) || !TryInt(shape[1], out var width))
            throw Bad(text, $"'{tokens[0]}' is not DEPTHxWIDTH (e.g. 8x512)");
        var spec = new NetworkSpec(3, depth, width);
        foreach (var token in tokens.Skip(1))
        {
            var lower = token.ToLowerInvariant();
            var eq = lower.IndexOf('=');
            var (key, value) = eq < 0 ? (lower, "") : (lower[..eq], lower[(eq + 1)..]);
            spec = key switch
            {
                "relu" when eq < 0 => spec with { Activation = ImplicitActivation.ReLU },
                "softplus" when eq < 0 => spec with { Activation = ImplicitActivation.Softplus },
                "skip" when eq < 0 => spec with { Skip = true },
                "noskip" when eq < 0 => spec with { Skip = false },
                "fourier" => spec with { Frequencies = TryInt(value, out var k) ? k : throw Bad(text, $"'{token}': fourier= needs an integer") },
                "in" => spec with { InputDim = TryInt(value, out var d) ? d : throw Bad(text, $"'{token}': in= needs an integer") },
                "out" => spec with { Outputs = TryInt(value, out var l) ? l : throw Bad(text, $"'{token}': out= needs an integer") },
                "r" => spec with
                {
                    Radius = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r)
                        ? r : throw Bad(text, $"'{token}': r= needs a number")
                },
                _ => throw Bad(text, $"unknown token '{token}' (expected relu, softplus, in=D, out=L, r=R, fourier=K, skip or noskip)"),
            };
        }
        try
        {
            return spec.Validated();
        }
        catch (InvalidInputException e)
        {
            throw Bad(text, e.Message);
        }
    }

    /// <summary>This spec if it describes a network that can be built; otherwise an <see cref="InvalidInputException"/>.</summary>
    public NetworkSpec Validated()
    {
        if (Depth < 1 || Depth > MaxDepth) throw new InvalidInputException($"depth must be 1..{MaxDepth} hidden layers, got {Depth}");
        if (Width < 1 || Width > MaxWidth) throw new InvalidInputException($"width must be 1..{MaxWidth}, got {Width}");
        if (InputDim < 1 || InputDim > MaxInputDim) throw new InvalidInputException($"input dimension must be 1..{MaxInputDim}, got {InputDim}");
        if (Outputs is not (1 or 2)) throw new InvalidInputException($"outputs must be 1 (surface) or 2 (curve), got {Outputs}");
        if (!double.IsFinite(Radius) || Radius <= 0) throw new InvalidInputException($"radius must be a positive number, got {Radius}");
        if (Frequencies < 0 || Frequencies > MaxFrequencies) throw new InvalidInputException($"fourier= must be 0..{MaxFrequencies} frequencies, got {Frequencies}");
        if (!Enum.IsDefined(Activation)) throw new InvalidInputException($"unknown activation {Activation}");
        if (SkipLayer >= 0 && Width <= InputDim)
            throw new InvalidInputException(
                $"width {Width} must exceed the input dimension {InputDim} for the skip connection (its layer outputs width − d), or use noskip");
        return this;
    }

    public override string ToString()
    {
        var activation = Activation == ImplicitActivation.ReLU ? "relu" : "softplus";
        var radius = Radius.ToString("R", CultureInfo.InvariantCulture);
        return $"{Depth}x{Width},{activation},in={InputDim},out={Outputs},r={radius}{(Frequencies > 0 ? $",fourier={Frequencies}" : "")}{(Skip ? "" : ",noskip")}";
    }

    static bool TryInt(string s, out int value) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    static InvalidInputException Bad(string text, string reason) => new($"network spec '{text}': {reason}");
}
