using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Tests;

/// <summary>
/// The files Fixtures/PyTorch/make_checkpoints.py wrote with real PyTorch (1.13.1), and the two formulas it used for
/// inputs and weights, computed here the same way (float64, then float32).
/// </summary>
public static class PyTorchFixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "PyTorch", name);

    public static JsonElement Json(string name) => JsonDocument.Parse(File.ReadAllText(Path(name))).RootElement;

    /// <summary>A tensor written by the script's values(): dtype, shape, values (as float64).</summary>
    public static (string DType, long[] Shape, double[] Values) Values(JsonElement element) => (
        element.GetProperty("dtype").GetString()!,
        element.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray(),
        element.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray());

    /// <summary>pattern_inputs: x[b, ch, i, j] = 0.5 + 0.5 sin(0.3 i + 0.5 j + 1.7 b + 0.9 ch).</summary>
    public static Tensor PatternInputs(int n, int c, int h, int w)
    {
        var values = new float[n * c * h * w];
        var index = 0;
        for (var b = 0; b < n; b++)
            for (var ch = 0; ch < c; ch++)
                for (var i = 0; i < h; i++)
                    for (var j = 0; j < w; j++)
                        values[index++] = (float)(0.5 + 0.5 * Math.Sin(0.3 * i + 0.5 * j + 1.7 * b + 0.9 * ch));
        return torch.tensor(values, [n, c, h, w]);
    }

    /// <summary>pattern_weights: parameter p (state-dict order), element k, u = frac(43758.5453 sin(12.9898 k + 78.233 p)):
    /// weights (2u − 1) √(6 / fan_in), fan_in = numel / rows; biases 0.1 (2u − 1).</summary>
    public static void PatternWeights(nn.Module module)
    {
        using var noGrad = torch.no_grad();
        var p = 0;
        foreach (var (name, tensor) in module.state_dict())
        {
            var n = tensor.numel();
            var scale = name.EndsWith("weight", StringComparison.Ordinal) ? Math.Sqrt(6.0 / (n / tensor.shape[0])) : 0.1;
            var values = new float[n];
            for (long k = 0; k < n; k++)
            {
                var v = Math.Sin(12.9898 * k + 78.233 * p) * 43758.5453;
                values[k] = (float)((2 * (v - Math.Floor(v)) - 1) * scale);
            }
            tensor.copy_(torch.tensor(values).reshape(tensor.shape));
            p++;
        }
    }
}
