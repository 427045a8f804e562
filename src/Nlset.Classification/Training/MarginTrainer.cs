using System.Diagnostics;
using Nlset.Classification.Losses;
using Nlset.Core;
using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Classification.Training;

/// <summary>
/// Trains a binary classifier on a (small) training set with one of the margin losses: Adam at a constant rate
/// (optionally with L2 weight decay),
/// the examples reshuffled every epoch (from torch's global generator, so <see cref="Nlset.Core.Seeding"/> makes it
/// repeatable), every step in its own dispose scope.
/// </summary>
public static class MarginTrainer
{
    /// <param name="images">Training images [N, C, H, W] in [0, 1], on the model's device.</param>
    /// <param name="signs">Labels ±1 [N], float32, same device.</param>
    /// <param name="progress">Called after every step with (step, total steps, loss).</param>
    /// <param name="epochEnded">Called after every epoch with (epoch index, mean step loss of the epoch), e.g. to record accuracies for plots.</param>
    public static MarginTrainingResult Train(nn.Module<Tensor, Tensor> model, Tensor images, Tensor signs, IMarginLoss loss,
        MarginTrainingSettings settings, IProgress<(int Step, int Steps, double Loss)>? progress = null, CancellationToken cancel = default,
        Action<int, double>? epochEnded = null)
    {
        settings = settings.Validated();
        var n = images.shape[0];
        if (n == 0) throw new ArgumentException("no training examples");
        if (signs.shape[0] != n) throw new ArgumentException($"{signs.shape[0]} labels for {n} images");
        var batch = (int)Math.Min(settings.BatchSize, n);
        var stepsPerEpoch = (int)((n + batch - 1) / batch);
        var totalSteps = stepsPerEpoch * settings.Epochs;

        if (settings.CentreBoundary && model is Models.IBinaryClassifier classifier) BoundaryCentring.Apply(classifier, model, images);
        using var optimizer = torch.optim.Adam(model.parameters(), lr: settings.LearningRate, weight_decay: settings.WeightDecay);
        Func<Tensor, Tensor> field = model.call;
        var clock = Stopwatch.StartNew();
        double last = double.NaN;
        var step = 0;
        var epoch = 0;
        model.train();
        for (; epoch < settings.Epochs && !cancel.IsCancellationRequested; epoch++)
        {
            using var order = stepsPerEpoch == 1 ? null : torch.randperm(n, device: images.device);
            double epochLoss = 0;
            for (var k = 0; k < stepsPerEpoch; k++)
            {
                using var scope = torch.NewDisposeScope();
                Tensor x = images, y = signs;
                if (order is not null)
                {
                    var rows = order.narrow(0, (long)k * batch, Math.Min(batch, n - (long)k * batch));
                    x = images.index_select(0, rows);
                    y = signs.index_select(0, rows);
                }
                optimizer.zero_grad();
                var value = loss.Compute(field, x, y);
                value.backward();
                Nlset.Core.AdamStep.Apply(optimizer);
                last = value.item<float>();
                epochLoss += last;
                step++;
                if (!double.IsFinite(last))
                    throw TrainingDivergence.At($"at step {step} (loss {last})");
                progress?.Report((step, totalSteps, last));
            }
            epochEnded?.Invoke(epoch, epochLoss / stepsPerEpoch);
        }
        model.eval();
        return new MarginTrainingResult(step, epoch, clock.Elapsed, last, cancel.IsCancellationRequested && epoch < settings.Epochs);
    }
}
