using System.Diagnostics;
using Nlset.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Classification.Robust;

/// <summary>
/// Trains a ten-class network with one <see cref="IRobustLoss"/>: Adam, the examples reshuffled every epoch, every step
/// in its own dispose scope, the validation slice measured after each epoch. Epoch e reseeds torch's global generator
/// with seed + e before it starts, so a run resumed from an end-of-epoch checkpoint continues exactly as the
/// uninterrupted run would have. The caller saves checkpoints from <c>onEpoch</c> (after each epoch) and after a stop.
/// </summary>
public sealed class RobustTrainer : IDisposable
{
    readonly nn.Module<Tensor, Tensor> _model;
    readonly Tensor _images, _labels;
    readonly Tensor? _validationImages, _validationLabels;
    readonly IRobustLoss _loss;
    readonly List<EpochRecord> _history = new();
    readonly int _classes;

    /// <param name="images">Training images [N, C, H, W] in [0, 1] on the model's device; labels [N] int64.</param>
    /// <param name="validation">The validation slice, or null.</param>
    public RobustTrainer(nn.Module<Tensor, Tensor> model, RobustTrainingSettings settings, Tensor images, Tensor labels,
        (Tensor Images, Tensor Labels)? validation = null)
    {
        Settings = settings.Validated();
        if (images.shape[0] == 0) throw new ArgumentException("no training images");
        if (labels.shape[0] != images.shape[0]) throw new ArgumentException($"{labels.shape[0]} labels for {images.shape[0]} images");
        _model = model;
        _images = images;
        _labels = labels;
        (_validationImages, _validationLabels) = validation is { } v ? (v.Images, v.Labels) : ((Tensor?)null, (Tensor?)null);
        _loss = settings.CreateLoss();
        using (torch.no_grad())                                     // the number of logits (eval mode: no batch-norm statistics change)
        {
            model.eval();
            using var logits = model.call(images.narrow(0, 0, 1));
            _classes = (int)logits.shape[1];
        }
        Optimizer = torch.optim.Adam(model.parameters(), lr: settings.LearningRate, weight_decay: settings.WeightDecay);
    }

    public RobustTrainingSettings Settings { get; }
    public TorchSharp.Modules.Adam Optimizer { get; }
    /// <summary>Epochs finished so far (also after a resume).</summary>
    public int EpochsDone { get; private set; }
    public IReadOnlyList<EpochRecord> History => _history;
    public int StepsPerEpoch => (int)((_images.shape[0] + Settings.BatchSize - 1) / Settings.BatchSize);

    /// <summary>Continues after <paramref name="epochsDone"/> finished epochs with their history (from a checkpoint).</summary>
    public void ResumeAfter(int epochsDone, IEnumerable<EpochRecord> history)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epochsDone);
        EpochsDone = epochsDone;
        _history.Clear();
        _history.AddRange(history);
    }

    /// <summary>Runs the remaining epochs; true if all ran, false if stopped by <paramref name="cancel"/> (mid-epoch: that epoch is not counted).</summary>
    public bool Train(IProgress<RobustProgress>? progress = null, CancellationToken cancel = default, Action<EpochRecord>? onEpoch = null)
    {
        var n = _images.shape[0];
        var batch = Settings.BatchSize;
        var steps = StepsPerEpoch;
        while (EpochsDone < Settings.Epochs)
        {
            var epoch = EpochsDone;
            var clock = Stopwatch.StartNew();
            Seeding.Apply(Settings.Seed + epoch);
            double lossSum = 0;
            long correct = 0, seen = 0, samples = 0;
            var predictedPerClass = new long[_classes];
            using var order = torch.randperm(n, device: _images.device);
            for (var k = 0; k < steps; k++)
            {
                if (cancel.IsCancellationRequested) return false;
                using var scope = torch.NewDisposeScope();
                var rows = order.narrow(0, (long)k * batch, Math.Min(batch, n - (long)k * batch));
                var x = _images.index_select(0, rows);
                var y = _labels.index_select(0, rows);
                Optimizer.zero_grad();
                using var step = _loss.Compute(_model, x, y, epoch);
                var value = step.Loss.to(ScalarType.Float64).item<double>();   // any dtype (float64 in the toy tests)
                if (!double.IsFinite(value))
                    throw TrainingDivergence.At($"in epoch {epoch + 1}, step {k + 1} (loss {value})");
                if (step.Loss.requires_grad)
                {
                    step.Loss.backward();
                    AdamStep.Apply(Optimizer);
                }
                lossSum += value * rows.shape[0];
                correct += step.CleanCorrect.sum().item<long>();
                seen += rows.shape[0];
                samples += step.BoundarySamples ?? 0;
                predictedPerClass = Add(predictedPerClass, step.Predicted);
                progress?.Report(new RobustProgress(epoch, Settings.Epochs, k + 1, steps, lossSum / seen, (double)correct / seen,
                    PredictedPerClass: predictedPerClass));
            }
            _model.eval();
            double validationClean = double.NaN, validationRobust = double.NaN;
            if (_validationImages is not null && _validationLabels is not null && _validationImages.shape[0] > 0)
            {
                progress?.Report(new RobustProgress(epoch, Settings.Epochs, steps, steps, lossSum / seen, (double)correct / seen, "validation",
                    predictedPerClass));
                var result = RobustEvaluation.Evaluate(_model, _validationImages, _validationLabels, [Settings.ValidationAttack],
                    seed: Settings.Seed, cancel: CancellationToken.None);
                validationClean = result.CleanAccuracy;
                validationRobust = result.Robust[0].Accuracy;
            }
            var record = new EpochRecord(epoch + 1, lossSum / seen, (double)correct / seen, validationClean, validationRobust,
                clock.Elapsed.TotalSeconds, _loss.Method == RobustMethod.Ours ? (double)samples / seen : double.NaN, predictedPerClass);
            _history.Add(record);
            EpochsDone = epoch + 1;
            onEpoch?.Invoke(record);
        }
        _model.eval();
        return true;
    }

    /// <summary>The counts plus this batch's predictions (a copy: the progress report may keep the old array).</summary>
    static long[] Add(long[] counts, Tensor predicted)
    {
        using var batch = torch.bincount(predicted.cpu(), minlength: counts.Length);
        var added = batch.data<long>().ToArray();
        var sum = new long[Math.Max(counts.Length, added.Length)];
        for (var i = 0; i < sum.Length; i++) sum[i] = (i < counts.Length ? counts[i] : 0) + (i < added.Length ? added[i] : 0);
        return sum;
    }

    public void Dispose() => Optimizer.Dispose();
}
