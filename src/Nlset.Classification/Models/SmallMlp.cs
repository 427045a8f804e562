using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Nlset.Classification.Models;

/// <summary>
/// A small fully connected binary classifier: the image flattened, hidden ReLU layers (default 2 × 128), one output
/// whose sign is the class. Parameters are named like PyTorch's <c>nn.ModuleList</c> of <c>nn.Linear</c>:
/// "layers.0.weight" … "layers.K.bias". Input [N, C, H, W] (or [N, C·H·W]) → scores [N].
/// Piecewise linear, so Newton projections onto its level sets (Eq. 4) are exact within a linear region.
/// </summary>
public sealed class SmallMlp : Module<Tensor, Tensor>, IBinaryClassifier
{
    private readonly ModuleList<Linear> layers;

    public SmallMlp(ClassifierSpec spec) : base(nameof(SmallMlp))
    {
        Spec = spec.Validated();
        var sizes = new[] { spec.InputSize }.Concat(spec.Widths).Append(1).ToArray();
        layers = ModuleList(sizes.Zip(sizes.Skip(1), (i, o) => Linear(i, o)).ToArray());
        RegisterComponents();
    }

    public ClassifierSpec Spec { get; }
    public Linear OutputLayer => layers[layers.Count - 1];

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var h = input.reshape(input.shape[0], -1);
        for (var i = 0; i < layers.Count; i++)
        {
            h = layers[i].call(h);
            if (i < layers.Count - 1) h = functional.relu(h);
        }
        return h.squeeze(1).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) layers.Dispose();
        base.Dispose(disposing);
    }
}
