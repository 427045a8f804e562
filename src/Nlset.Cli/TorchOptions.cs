using System.CommandLine;
using Nlset.Core;
using Nlset.Geometry;
using TorchSharp;

namespace Nlset.Cli;

/// <summary>
/// Where and how repeatably a network runs: --device, --threads and --seed, declared here once for every command that
/// runs one. Commands differ only in what their help says (why one thread is the default, what the seed seeds) and in
/// what an unset --threads means (one thread, or all cores); each command puts the options where its help lists them.
/// </summary>
public sealed class TorchOptions
{
    /// <summary>What an unset --threads means.</summary>
    public enum UnsetThreads { OneThread, AllCores }

    /// <summary>--device; null for a command that runs on the CPU only.</summary>
    public Option<string>? Device { get; }
    /// <summary>--threads, an <c>Option&lt;int&gt;</c> (one thread unless given) or <c>Option&lt;int?&gt;</c> (all cores); null when absent.</summary>
    public Option? Threads { get; }
    public Option<int>? Seed { get; }

    /// <param name="threadsHelp">--threads's description; null: the command has no --threads.</param>
    /// <param name="seedHelp">--seed's description; null: the command has no --seed.</param>
    public TorchOptions(bool device = true, string? threadsHelp = null, UnsetThreads unsetThreads = UnsetThreads.OneThread,
        string? seedHelp = null, int defaultSeed = 0)
    {
        if (device) Device = new Option<string>("--device") { Description = "auto, cpu or cuda", DefaultValueFactory = _ => "auto" };
        // Two types on purpose: a parse error names the type (System.Int32 or System.Nullable`1[System.Int32]) and the help shows the default.
        if (threadsHelp != null)
            Threads = unsetThreads == UnsetThreads.OneThread
                ? new Option<int>("--threads") { Description = threadsHelp, DefaultValueFactory = _ => 1 }
                : new Option<int?>("--threads") { Description = threadsHelp, HelpName = "N" };
        if (seedHelp != null) Seed = new Option<int>("--seed") { Description = seedHelp, DefaultValueFactory = _ => defaultSeed };
    }

    public TorchChoice Read(ParseResult parse) => new(
        Device is null ? "cpu" : parse.GetValue(Device)!,
        Threads switch
        {
            Option<int> oneByDefault => parse.GetValue(oneByDefault),
            Option<int?> allByDefault => parse.GetValue(allByDefault),
            _ => null,
        },
        Seed is null ? 0 : parse.GetValue(Seed));
}

/// <summary>The values of <see cref="TorchOptions"/>.</summary>
/// <param name="Threads">Torch CPU threads; null leaves torch's default (all cores).</param>
public sealed record TorchChoice(string Device, int? Threads, int Seed)
{
    /// <summary>Checks --threads and gives torch that many CPU threads (nothing when it was left unset with an all-cores default).</summary>
    public void ApplyThreads() => ApplyThreads(Threads);

    /// <inheritdoc cref="ApplyThreads()"/>
    public static void ApplyThreads(int? threads)
    {
        if (threads is not { } n) return;
        if (n < 1) throw new InvalidInputException($"--threads must be at least 1, got {n}");
        torch.set_num_threads(n);
    }

    /// <summary>The device --device names (refused at once when it is not there).</summary>
    public torch.Device ResolveDevice() => DeviceSelection.Resolve(Device);
}
