using Nlset.Classification.Attacks;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Robust;

/// <summary>
/// Madry et al.'s adversarial training: cross-entropy on L∞ PGD examples (random start in the ε-box, K steps of α
/// ascending the cross-entropy), found with the model in eval mode, then one training forward on them.
/// </summary>
public sealed class MadryTraining(PgdSettings attack) : IRobustLoss
{
    public RobustMethod Method => RobustMethod.Madry;
    public PgdSettings Attack { get; } = (attack with { Loss = AttackLoss.CrossEntropy }).Validated();

    public RobustStep Compute(nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels, int epoch)
    {
        model.eval();
        Tensor correct, predicted;
        using (torch.no_grad())
        {
            predicted = model.call(images).argmax(1);
            correct = predicted.eq(labels);
        }
        using var adversarial = ProjectedGradientDescent.Attack(model.call, images, labels, Attack);
        model.train();
        return new RobustStep(nn.functional.cross_entropy(model.call(adversarial), labels), correct, predicted);
    }
}
