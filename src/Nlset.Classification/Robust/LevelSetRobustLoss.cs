using Nlset.Classification.Attacks;
using Nlset.Core;
using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Classification.Robust;

/// <summary>
/// The paper's robust loss (Eq. 12, §3.2):
/// <code>
///   loss = (1/N) Σ_j λ_j · max(0, ε_j − sign(F^{y_j}(x_j)) · d(x_j, p_j(θ)))
/// </code>
/// with F^y the class margin (<see cref="ClassMargin"/>) and p_j a sample of the decision boundary S^{y_j} = {F^{y_j} = 0}
/// tied to θ by the core's <see cref="SampleNetwork"/> (Eq. 9). Correct examples (F^y &gt; 0) push S^y at least ε_correct
/// away; wrong ones pull it towards x (their term ε_wrong + d shrinks as S^y approaches).
/// Finding p_j (reference code): from a uniform start in the ε_j-box, K signed-gradient steps that move towards the
/// boundary (correct examples: descending F^y; wrong ones: ascending it), projected to the box and to [0, 1]; where
/// F^y changed sign between x and that point, the core's <see cref="RegulaFalsi"/> finds the zero on the segment;
/// zeros with |F| &lt; <see cref="ZeroTolerance"/> are kept, ∇F is taken there and the sample network built.
/// Works for any input shape [N, ...] and any ten-class (or K-class) network given as a function to logits.
/// </summary>
public sealed class LevelSetRobustLoss : IRobustLoss
{
    /// <summary>The reference code keeps regula-falsi points with |F| below this (a looser bound than the solver's 1e-5, so points whose segment search stalled near a kink still count).</summary>
    public const double ZeroTolerance = 0.1;

    static readonly Scalar HeldZeroTolerance = ZeroTolerance;

    readonly RegulaFalsi _regulaFalsi;
    readonly LevelSetProjector _gradientAt = new(maxIterations: 0);
    readonly LevelSetProjector _newton = new();

    public LevelSetRobustLoss(LevelSetRobustSettings settings, RegulaFalsi? regulaFalsi = null)
    {
        Settings = settings.Validated();
        _regulaFalsi = regulaFalsi ?? new RegulaFalsi();
    }

    public RobustMethod Method => RobustMethod.Ours;
    public LevelSetRobustSettings Settings { get; }

    /// <summary>With the model in eval mode for the searches and in train mode for the sample network's forward (as the reference code).</summary>
    public RobustStep Compute(nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels, int epoch)
    {
        var (epsCorrect, epsWrong) = Settings.EpsilonsAt(epoch);
        Func<Tensor, Tensor> trainLogits = p =>
        {
            model.train();
            return model.call(p);
        };
        model.eval();
        return Compute(model.call, trainLogits, images, labels, epsCorrect, epsWrong);
    }

    /// <summary>
    /// The loss for explicit functions: <paramref name="searchLogits"/> is used (without a graph to θ) to find the boundary
    /// samples; <paramref name="lossLogits"/> (the same network, possibly in training mode) builds p(θ). Any input shape.
    /// </summary>
    public RobustStep Compute(Func<Tensor, Tensor> searchLogits, Func<Tensor, Tensor> lossLogits, Tensor x, Tensor labels,
        double epsCorrect, double epsWrong)
    {
        var n = x.shape[0];
        using var scope = torch.NewDisposeScope();
        x = x.detach();

        Tensor margin, predicted;
        using (torch.no_grad())
        {
            var logits = searchLogits(x);
            margin = ClassMargin.Of(logits, labels);
            predicted = logits.argmax(1);
        }
        var correct = margin > Zero;
        var epsilon = torch.where(correct, epsCorrect, epsWrong).to(x.dtype);
        // Reference code: correct examples search their larger box with proportionally larger steps (α·ε_correct/ε_base).
        var step = torch.where(correct, Settings.StepSize * epsCorrect / Settings.SearchBaseEpsilon, Settings.StepSize).to(x.dtype);
        var towardsBoundary = torch.where(correct, -1.0, 1.0).to(x.dtype);    // correct: descend F^y; wrong: ascend it
        var end = ProjectedGradientDescent.Ascend(p => towardsBoundary * ClassMargin.Of(searchLogits(p), labels), x, epsilon, step,
            Settings.SearchSteps);

        Tensor endMargin;
        using (torch.no_grad()) endMargin = ClassMargin.Of(searchLogits(end), labels);
        var crossed = endMargin * margin <= Zero;
        var changed = crossed.nonzero().squeeze(1);
        var zero = torch.zeros(Array.Empty<long>(), dtype: x.dtype, device: x.device);

        // Boundary samples: regula falsi zeros on the segments x → end that cross S^y, kept where |F| < ZeroTolerance.
        var sampleRows = new List<Tensor>();
        var samplePoints = new List<Tensor>();
        if (changed.shape[0] > 0)
        {
            var changedLabels = labels.index_select(0, changed);
            using var zeros = _regulaFalsi.Solve((p, r) => ClassMargin.Of(searchLogits(p), changedLabels.index_select(0, r)),
                x.index_select(0, changed), end.index_select(0, changed));
            var keep = (zeros.Values.abs() < HeldZeroTolerance).nonzero().squeeze(1);
            sampleRows.Add(changed.index_select(0, keep));
            samplePoints.Add(zeros.Points.index_select(0, keep));
        }
        var stranded = crossed.logical_not().logical_and(correct.logical_not()).nonzero().squeeze(1);
        if (Settings.WrongWithoutBoundary == WrongWithoutBoundary.NewtonProjection && stranded.shape[0] > 0)
        {
            var strandedLabels = labels.index_select(0, stranded);
            using var projected = _newton.Project((p, r) => ClassMargin.Of(searchLogits(p), strandedLabels.index_select(0, r)),
                end.index_select(0, stranded), torch.zeros(stranded.shape[0], dtype: x.dtype, device: x.device));
            var keep = (projected.Values.squeeze(1).abs() < HeldZeroTolerance).nonzero().squeeze(1);
            sampleRows.Add(stranded.index_select(0, keep));
            samplePoints.Add(projected.Points.index_select(0, keep));
        }
        // Otherwise (reference code) examples without a boundary sample contribute nothing, and the batch sum is still
        // divided by N: a correct example whose search did not cross the boundary has none within its ε-box, which is
        // what the loss asks for; a wrong one has no sample to pull (see WrongWithoutBoundary).
        if (sampleRows.Count == 0) return Finish(zero, correct, 0);
        var rows = torch.cat(sampleRows.ToArray());
        if (rows.shape[0] == 0) return Finish(zero, correct, 0);
        var points = torch.cat(samplePoints.ToArray());
        var keptLabels = labels.index_select(0, rows);

        // F and ∇F at the zeros (0 Newton steps = evaluate only), then the sample network p(θ) of Eq. 9.
        using var atZeros = _gradientAt.Project((p, r) => ClassMargin.Of(searchLogits(p), keptLabels.index_select(0, r)), points,
            torch.zeros(points.shape[0], dtype: x.dtype, device: x.device));
        using var pseudoInverse = JacobianPseudoInverse.Of(atZeros.Jacobian);
        using var samples = new SampleNetwork(atZeros.Points, pseudoInverse, atZeros.Values);
        var moving = samples.Forward(p => ClassMargin.Of(lossLogits(p), keptLabels));

        var keptX = x.index_select(0, rows);
        var distance = Settings.Distance.Between(keptX, moving, atZeros.Jacobian);
        var keptCorrect = correct.index_select(0, rows);
        var side = torch.where(keptCorrect, 1.0, -1.0).to(x.dtype);
        var weight = torch.where(keptCorrect, Settings.LambdaCorrect, Settings.LambdaWrong).to(x.dtype);
        var targets = epsilon.index_select(0, rows);
        using var count = n.ToScalar();
        var loss = (weight * nn.functional.relu(targets - side * distance)).sum() / count;
        return Finish(loss, correct, rows.shape[0]);

        RobustStep Finish(Tensor loss, Tensor correct, long samples) =>
            new(loss.MoveToOuterDisposeScope(), correct.MoveToOuterDisposeScope(), predicted.MoveToOuterDisposeScope(), samples);
    }
}
