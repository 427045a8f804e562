using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Core;

/// <summary>
/// One Adam update (Kingma and Ba 2015) on a TorchSharp <see cref="TorchSharp.Modules.Adam"/>'s own state and options,
/// computed as TorchSharp 0.107's <c>Adam.step()</c> computes it, op for op (so the weights are bit-identical), but
/// with every Scalar held: TorchSharp's step passes β₁, 1 − β₁, ε and the step size as Scalars made on the fly, which
/// a garbage collection on another thread can free while libtorch reads them (issue 13: "Expected false to be true" in
/// addcdiv_). The optimizer object stays TorchSharp's, so its state saves and loads as before.
/// </summary>
public static class AdamStep
{
    public static void Apply(TorchSharp.Modules.Adam optimizer)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        // state_dict() hands out the live per-parameter states, in the order of the groups' parameters.
        var states = optimizer.state_dict().State;
        int k = 0;
        foreach (var group in optimizer.ParamGroups.Cast<TorchSharp.Modules.ParamGroup>())
        {
            var options = (TorchSharp.Modules.Adam.Options)group.Options;
            double beta1 = options.beta1!.Value, beta2 = options.beta2!.Value, lr = options.LearningRate!.Value;
            double weightDecay = options.weight_decay!.Value;
            if (options.amsgrad == true || options.maximize == true)
                throw new NotSupportedException("AdamStep implements Adam without amsgrad and maximize");
            using var beta1Scalar = beta1.ToScalar();
            using var beta2Scalar = beta2.ToScalar();
            using var oneMinusBeta1 = (1 - beta1).ToScalar();
            using var oneMinusBeta2 = (1 - beta2).ToScalar();
            using var eps = options.eps!.Value.ToScalar();
            using var decay = weightDecay.ToScalar();
            foreach (var parameter in group.Parameters)
            {
                var state = (TorchSharp.Modules.Adam.State)states[k++];
                var grad = parameter.grad;
                if (grad is null) continue;
                state.step += 1;
                var biasCorrection1 = 1 - Math.Pow(beta1, state.step);
                var biasCorrection2 = 1 - Math.Pow(beta2, state.step);
                if (weightDecay != 0) grad = grad.add(parameter, decay);
                state.exp_avg.mul_(beta1Scalar).add_(grad, oneMinusBeta1);
                state.exp_avg_sq.mul_(beta2Scalar).addcmul_(grad, grad.conj(), oneMinusBeta2);
                using var correction = Math.Sqrt(biasCorrection2).ToScalar();
                var denominator = (state.exp_avg_sq.sqrt() / correction).add_(eps, HeldScalars.One);
                using var stepSize = (-(lr / biasCorrection1)).ToScalar();
                parameter.addcdiv_(state.exp_avg, denominator, stepSize);
            }
        }
    }
}
