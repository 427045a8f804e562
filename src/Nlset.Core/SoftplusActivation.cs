using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Core;

/// <summary>
/// Softplus with sharpness β (TorchSharp's nn.Softplus, threshold 20), its Scalars held (<see cref="HeldScalars.Softplus"/>):
/// nn.Softplus makes them on the fly in every forward pass.
/// </summary>
public sealed class SoftplusActivation : nn.Module<Tensor, Tensor>
{
    readonly Scalar _beta, _threshold;

    public SoftplusActivation(double beta, double threshold = 20) : base(nameof(SoftplusActivation))
    {
        _beta = beta.ToScalar();
        _threshold = threshold.ToScalar();
    }

    public override Tensor forward(Tensor input) => input.Softplus(_beta, _threshold);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _beta.Dispose();
            _threshold.Dispose();
        }
        base.Dispose(disposing);
    }
}
