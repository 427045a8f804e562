using System.Text.Json;
using System.Text.Json.Nodes;
using Nlset.Classification.Losses;
using Nlset.Geometry;

namespace Nlset.Classification.Training;

/// <summary>
/// The trainings of an experiment that have finished, one JSON line each, appended and flushed as each one ends, so a
/// sweep that dies after an hour loses only the training under way (issue 13). Every training is seeded on its own
/// (subset and initialisation from its run's seed), so a continued sweep that skips the journal's trainings reports
/// what the uninterrupted one would have. The first line names the plan; a journal of another plan is refused.
/// </summary>
public sealed class MarginSweepJournal
{
    readonly List<MarginRunResult> _done;

    MarginSweepJournal(string path, List<MarginRunResult> done)
    {
        Path = path;
        _done = done;
    }

    public string Path { get; }

    /// <summary>The trainings already finished (from the journal read back, then those appended).</summary>
    public IReadOnlyList<MarginRunResult> Done => _done;

    /// <summary>A new journal for <paramref name="plan"/> (an existing file is replaced).</summary>
    public static MarginSweepJournal Start(string path, string plan)
    {
        File.WriteAllText(path, new JsonObject { ["plan"] = plan }.ToJsonString() + "\n");
        return new MarginSweepJournal(path, []);
    }

    /// <summary>The journal at <paramref name="path"/>, which must be of <paramref name="plan"/>.</summary>
    public static MarginSweepJournal Continue(string path, string plan)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"{path}: no journal of an unfinished experiment with these options to continue");
        var lines = File.ReadAllLines(path);
        try
        {
            var header = lines.Length > 0 ? JsonNode.Parse(lines[0])?["plan"]?.GetValue<string>() : null;
            if (header != plan)
                throw new InvalidInputException($"{path}: the journal is of another experiment (options differ); rerun with the options it was started with, or remove it");
            var done = new List<MarginRunResult>();
            // A line cut by the crash itself is the training that was being written: it is trained again.
            foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
                if (TryParse(line) is { } result) done.Add(result);
            // Rewritten without the torn line, so the next training's line starts on a line of its own.
            if (done.Count != lines.Skip(1).Count(l => l.Length > 0))
            {
                File.WriteAllText(path + ".partial", lines[0] + "\n" + string.Concat(done.Select(r => ToJson(r).ToJsonString() + "\n")));
                File.Move(path + ".partial", path, overwrite: true);
            }
            return new MarginSweepJournal(path, done);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"{path}: not a journal of nlset train-margin ({e.Message})");
        }
    }

    /// <summary>The finished training of this loss, fraction and run, if the journal has it.</summary>
    public MarginRunResult? Find(MarginLossKind loss, double fraction, int run) =>
        _done.FirstOrDefault(r => r.Loss == loss && r.Fraction == fraction && r.Run == run);

    public void Append(MarginRunResult result)
    {
        using (var stream = new FileStream(Path, FileMode.Append, FileAccess.Write))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(ToJson(result).ToJsonString() + "\n");
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        _done.Add(result);
    }

    static JsonObject ToJson(MarginRunResult r)
    {
        var json = new JsonObject
        {
            ["loss"] = r.Loss.Key(), ["fraction"] = r.Fraction, ["run"] = r.Run, ["seed"] = r.Seed, ["trainCount"] = r.TrainCount,
            ["testAccuracy"] = r.TestAccuracy, ["trainAccuracy"] = r.TrainAccuracy, ["finalLoss"] = r.FinalLoss, ["steps"] = r.Steps,
            ["seconds"] = r.Elapsed.TotalSeconds,
        };
        if (r.History is { } h)
            json["history"] = new JsonObject
            {
                ["loss"] = new JsonArray([.. h.Loss.Select(x => (JsonNode?)x)]),
                ["train"] = new JsonArray([.. h.TrainAccuracy.Select(x => (JsonNode?)x)]),
                ["test"] = new JsonArray([.. h.TestAccuracy.Select(x => (JsonNode?)x)]),
            };
        return json;
    }

    static MarginRunResult? TryParse(string line)
    {
        try
        {
            var j = JsonNode.Parse(line)!.AsObject();
            EpochHistory? history = null;
            if (j["history"] is JsonObject h)
            {
                history = new EpochHistory();
                var loss = h["loss"]!.AsArray();
                var train = h["train"]!.AsArray();
                var test = h["test"]!.AsArray();
                for (int i = 0; i < loss.Count; i++) history.Add(loss[i]!.GetValue<double>(), train[i]!.GetValue<double>(), test[i]!.GetValue<double>());
            }
            return new MarginRunResult(MarginLossNames.Parse(j["loss"]!.GetValue<string>()), j["fraction"]!.GetValue<double>(),
                j["run"]!.GetValue<int>(), j["seed"]!.GetValue<int>(), j["trainCount"]!.GetValue<int>(), j["testAccuracy"]!.GetValue<double>(),
                j["trainAccuracy"]!.GetValue<double>(), j["finalLoss"]!.GetValue<double>(), j["steps"]!.GetValue<int>(),
                TimeSpan.FromSeconds(j["seconds"]!.GetValue<double>())) { History = history };
        }
        catch (Exception e) when (e is JsonException or NullReferenceException or InvalidOperationException or FormatException or InvalidInputException)
        {
            return null;
        }
    }
}
