using Nlset.Classification.Data;
using Nlset.Classification.Losses;
using Nlset.Classification.Training;
using Nlset.Geometry;

namespace Nlset.Classification.Tests.Training;

/// <summary>Issue 13: a sweep that fails keeps its finished trainings, and continuing it reports what an unbroken run would.</summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class MarginSweepJournalTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nlset-journal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static MarginExperimentPlan Plan() => new()
    {
        Losses = [MarginLossKind.GeometricSvm, MarginLossKind.Hinge],
        Fractions = [0.1, 0.2],
        Runs = 2,
        FirstSeed = 3,
        Training = new MarginTrainingSettings { Epochs = 5, BatchSize = 16, LearningRate = 0.01, Device = "cpu" },
    };

    [Fact]
    public void AFailedSweepContinuesFromItsJournalToTheUnbrokenResults()
    {
        var data = MarginExperimentTests.Blocks(100, 50);
        var whole = MarginExperiment.Run(data, BinaryClasses.LowAgainstHigh, Plan(), recordHistory: true);
        Assert.Equal(8, whole.Runs.Count);

        var path = Path.Combine(_dir, "journal.jsonl");
        var journal = MarginSweepJournal.Start(path, "plan A");
        int trained = 0;
        var e = Assert.Throws<IOException>(() => MarginExperiment.Run(data, BinaryClasses.LowAgainstHigh, Plan(), recordHistory: true, journal: journal,
            trained: (_, _, _) => { if (++trained == 5) throw new IOException("injected"); }));
        Assert.Equal("injected", e.Message);
        Assert.Equal(5, File.ReadAllLines(path).Length - 1);   // the header and the five finished trainings

        var continued = MarginSweepJournal.Continue(path, "plan A");
        Assert.Equal(5, continued.Done.Count);
        int again = 0;
        var result = MarginExperiment.Run(data, BinaryClasses.LowAgainstHigh, Plan(), recordHistory: true, journal: continued,
            trained: (_, _, _) => again++);
        Assert.Equal(3, again);   // only the trainings the journal lacks
        Assert.Equal(whole.Runs.Select(r => (r.Loss, r.Fraction, r.Run, r.TestAccuracy, r.TrainAccuracy, r.FinalLoss, r.Steps)),
            result.Runs.Select(r => (r.Loss, r.Fraction, r.Run, r.TestAccuracy, r.TrainAccuracy, r.FinalLoss, r.Steps)));
        Assert.Equal(whole.Runs[0].History!.TestAccuracy, result.Runs[0].History!.TestAccuracy);
    }

    [Fact]
    public void AJournalOfAnotherPlanOrATornLastLineIsHandled()
    {
        var path = Path.Combine(_dir, "j.jsonl");
        MarginSweepJournal.Start(path, "plan A");
        Assert.Throws<InvalidInputException>(() => MarginSweepJournal.Continue(path, "plan B"));
        Assert.Throws<InvalidInputException>(() => MarginSweepJournal.Continue(Path.Combine(_dir, "none.jsonl"), "plan A"));
        // A crash while a line was being written leaves half a line: that training is trained again.
        File.AppendAllText(path, "{\"loss\":\"hinge\",\"fraction\":0.1,\"ru");
        var continued = MarginSweepJournal.Continue(path, "plan A");
        Assert.Empty(continued.Done);
        continued.Append(new MarginRunResult(MarginLossKind.Hinge, 0.1, 0, 3, 10, 0.9, 1, 0.1, 20, TimeSpan.FromSeconds(1)));
        Assert.Single(MarginSweepJournal.Continue(path, "plan A").Done);
    }
}
