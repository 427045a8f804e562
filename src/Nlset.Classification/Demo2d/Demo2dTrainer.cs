using System.Diagnostics;
using Nlset.Classification.Losses;
using Nlset.Classification.Models;
using Nlset.Classification.Training;
using Nlset.Core;
using TorchSharp;
using static TorchSharp.torch;
using static Nlset.Core.HeldScalars;

namespace Nlset.Classification.Demo2d;

/// <summary>
/// Trains the Figure-1 demo: an MLP F: R² → R (<see cref="SmallMlp"/>) on the toy moons with one of the four losses,
/// full batch, Adam, every step in its own dispose scope, on the CPU; then samples F on a grid for the picture.
/// All losses start from the same seeded network with its boundary centred among the points (<see cref="BoundaryCentring"/>).
/// </summary>
public static class Demo2dTrainer
{
    /// <summary>The picture's window: the toy's [−1, 1] × [−½, ½] with room around it.</summary>
    public const double XMin = -1.3, XMax = 1.3, YMin = -0.8, YMax = 0.8;

    public static Demo2dResult Train(Demo2dSettings settings, int gridColumns = 260, IProgress<(int Step, int Steps, double Loss)>? progress = null,
        CancellationToken cancel = default)
    {
        settings = settings.Validated();
        var data = ToyDataset.Moons(settings.Points, settings.Seed);
        Seeding.Apply(settings.Seed);
        var spec = new ClassifierSpec(ClassifierKind.Mlp, 1, 1, 2, settings.Hidden.ToArray()).Validated();
        using var model = new SmallMlp(spec);
        using var x = torch.tensor(data.Rows(), [data.Count, 2]);
        using var signs = torch.tensor(data.Labels.Select(l => (float)l).ToArray());
        var loss = CreateLoss(settings);
        BoundaryCentring.Apply(model, model, x);
        using var optimizer = torch.optim.Adam(model.parameters(), lr: settings.LearningRate);
        Func<Tensor, Tensor> field = model.call;
        var clock = Stopwatch.StartNew();
        double last = double.NaN;
        int step = 0;
        model.train();
        for (; step < settings.Epochs && !cancel.IsCancellationRequested; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var value = loss(field, x, signs);
            value.backward();
            AdamStep.Apply(optimizer);
            last = value.item<float>();
            if (!double.IsFinite(last)) throw TrainingDivergence.At($"at step {step + 1} (loss {last})");
            progress?.Report((step + 1, settings.Epochs, last));
        }
        model.eval();
        double accuracy = BinaryAccuracy.Of(model, x, signs);
        int rows = Math.Max(2, (int)Math.Round(gridColumns * (YMax - YMin) / (XMax - XMin)));
        var grid = Evaluate(model, GridRows(gridColumns, rows), gridColumns * rows);
        var atPoints = Evaluate(model, data.Rows(), data.Count);
        return new Demo2dResult(settings, data, accuracy, last, step, clock.Elapsed, XMin, XMax, YMin, YMax, gridColumns, rows, grid, atPoints);
    }

    /// <summary>The loss of a setting as a function of (classifier, examples, labels ±1).</summary>
    public static Func<Func<Tensor, Tensor>, Tensor, Tensor, Tensor> CreateLoss(Demo2dSettings settings) => settings.Loss switch
    {
        ToyLoss.CrossEntropy => new BinaryCrossEntropyLoss().Compute,
        ToyLoss.LInfinityMargin => new BinaryRobustMarginLoss(settings.Epsilon, MarginNorm.LInfinity).Compute,
        ToyLoss.L2Margin => new BinaryRobustMarginLoss(settings.Epsilon, MarginNorm.L2).Compute,
        // The paper's choices for Eq. 11 (α = −1, L∞), with λ for the toy's scale.
        ToyLoss.GeometricSvm => new GeometricSvmLoss(settings.Lambda).Compute,
        _ => throw new ArgumentOutOfRangeException(nameof(settings)),
    };

    static float[] GridRows(int columns, int rows)
    {
        var points = new float[2 * columns * rows];
        for (int j = 0; j < rows; j++)
            for (int i = 0; i < columns; i++)
            {
                int k = j * columns + i;
                points[2 * k] = (float)(XMin + (XMax - XMin) * i / (columns - 1));
                points[2 * k + 1] = (float)(YMin + (YMax - YMin) * j / (rows - 1));
            }
        return points;
    }

    static double[] Evaluate(SmallMlp model, float[] rows, int count)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var values = model.call(torch.tensor(rows, [count, 2])).reshape(-1);
        return values.data<float>().Select(v => (double)v).ToArray();
    }
}
