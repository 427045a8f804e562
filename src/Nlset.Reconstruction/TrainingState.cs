using System.Text;
using Nlset.Core;
using Nlset.Geometry;
using Nlset.Geometry.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Reconstruction;

/// <summary>
/// What an unfinished training needs beyond the network's weights to go on exactly as if it had never stopped: the
/// step reached, the time spent (for a time budget), Adam's moments, the weight average (once started) and torch's
/// random generator. Stored after the weights of a checkpoint (<see cref="ImplicitNetworkFile"/> version 3).
/// Layout: "NLSTATE1", int32 step, float64 seconds, Adam's state (TorchSharp's save_state_dict), bool + tensors of
/// the average, the generator's state tensor.
/// </summary>
public sealed class TrainingState : IDisposable
{
    const string Magic = "NLSTATE1";

    TrainingState(int iteration, TimeSpan elapsed, byte[] optimizer, Tensor[]? average, Tensor generator)
    {
        Iteration = iteration;
        Elapsed = elapsed;
        Optimizer = optimizer;
        Average = average;
        Generator = generator;
    }

    /// <summary>Steps done.</summary>
    public int Iteration { get; }

    /// <summary>Training time spent so far.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Adam's state in TorchSharp's own format.</summary>
    byte[] Optimizer { get; }

    /// <summary>The weight average's tensors, once the average has started.</summary>
    Tensor[]? Average { get; }

    /// <summary>torch's CPU generator state.</summary>
    Tensor Generator { get; }

    /// <summary>The state after <paramref name="iteration"/> steps, read off the live objects.</summary>
    /// <param name="generator">torch's generator state to store (default: the current one).</param>
    public static byte[] Capture(int iteration, TimeSpan elapsed, TorchSharp.Modules.Adam optimizer, ExponentialWeightAverage average,
        Tensor? generator = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(iteration);
            writer.Write(elapsed.TotalSeconds);
            using (var optimizerBytes = new MemoryStream())
            {
                using (var optimizerWriter = new BinaryWriter(optimizerBytes, Encoding.UTF8, leaveOpen: true)) optimizer.save_state_dict(optimizerWriter);
                writer.Write(optimizerBytes.Length);
                writer.Write(optimizerBytes.ToArray());
            }
            var tensors = average.Tensors;
            writer.Write(tensors is not null);
            if (tensors is not null)
            {
                writer.Write(tensors.Count);
                foreach (var t in tensors) t.Save(writer);
            }
            if (generator is not null) generator.Save(writer);
            else
            {
                using var current = torch.get_rng_state();
                current.Save(writer);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Reads a state written by <see cref="Capture"/>; <paramref name="source"/> names the file in messages.</summary>
    public static TrainingState Read(byte[] bytes, string source)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            if (Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length)) != Magic) throw new InvalidDataException("it does not start with " + Magic);
            var iteration = reader.ReadInt32();
            var elapsed = TimeSpan.FromSeconds(reader.ReadDouble());
            var optimizerLength = reader.ReadInt64();
            if (optimizerLength < 0 || optimizerLength > bytes.Length) throw new InvalidDataException($"an optimizer state of {optimizerLength} bytes");
            var optimizer = reader.ReadBytes((int)optimizerLength);
            Tensor[]? average = null;
            if (reader.ReadBoolean())
            {
                var count = reader.ReadInt32();
                if (count is < 0 or > 1000) throw new InvalidDataException($"{count} averaged tensors");
                average = new Tensor[count];
                for (int i = 0; i < count; i++) average[i] = Tensor.Load(reader);
            }
            var generator = Tensor.Load(reader);
            if (reader.BaseStream.Position != bytes.Length) throw new InvalidDataException($"{bytes.Length - reader.BaseStream.Position} bytes after the state");
            if (iteration < 0 || !(elapsed >= TimeSpan.Zero)) throw new InvalidDataException($"step {iteration}, {elapsed.TotalSeconds} s");
            return new TrainingState(iteration, elapsed, optimizer, average, generator);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException or ArgumentException or FormatException)
        {
            throw new ModelFileException(source, "training state", $"unreadable ({e.Message})", e);
        }
    }

    /// <summary>Puts the state back into a new trainer's objects (same network and settings as when it was captured).</summary>
    public void Restore(TorchSharp.Modules.Adam optimizer, ExponentialWeightAverage average, string source)
    {
        try
        {
            using (var reader = new BinaryReader(new MemoryStream(Optimizer), Encoding.UTF8)) optimizer.load_state_dict(reader);
            if (Average is not null) average.Start(Average);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or EndOfStreamException)
        {
            throw new ModelFileException(source, "training state", $"does not fit this network ({e.Message})", e);
        }
        torch.set_rng_state(Generator);
    }

    public void Dispose()
    {
        Generator.Dispose();
        if (Average is not null) foreach (var t in Average) t.Dispose();
    }
}
